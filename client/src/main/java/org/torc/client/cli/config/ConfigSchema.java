package org.torc.client.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.torc.server.Logging;

/**
 * The keys a torc config file may hold and what each must be. The client checks its own sections
 * ({@code [client]}, {@code [client.run]}, {@code [client.slurm]}) strictly; sections that belong to
 * other programs or to features this port does not have ({@code [server]}, {@code [dash]},
 * {@code [client.hpc]}, {@code [client.watch]}) are accepted as they are.
 */
final class ConfigSchema {
    enum Type {
        STRING("a string"), INTEGER("an integer"), NUMBER("a number"), BOOLEAN("true or false");

        final String description;

        Type(String description) {
            this.description = description;
        }
    }

    /** A leaf setting: its type and, optionally, a rule its value must follow. */
    record Setting(String path, Type type, Rule rule) {
        /** {@code null} when {@code value} is acceptable, else what is wrong with it. */
        String check(JsonNode value) {
            boolean typeOk = switch (type) {
                case STRING -> value.isTextual();
                case INTEGER -> value.isIntegralNumber();
                case NUMBER -> value.isNumber();
                case BOOLEAN -> value.isBoolean();
            };
            if (!typeOk) {
                return path + " must be " + type.description + ", got " + describe(value);
            }
            return rule == null ? null : rule.check(path, value);
        }
    }

    @FunctionalInterface
    interface Rule {
        String check(String path, JsonNode value);
    }

    static final Set<String> SECTIONS = Set.of("client", "client.run", "client.slurm");
    static final Set<String> FOREIGN_SECTIONS = Set.of("client.hpc", "client.watch", "server", "dash");
    static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    static {
        add("client.api_url", Type.STRING, ConfigSchema::nonBlank);
        add("client.format", Type.STRING, (p, v) -> v.asText().equals("table")
                || v.asText().equals("json") ? null
                : p + " must be 'table' or 'json', got '" + v.asText() + "'");
        add("client.log_level", Type.STRING, ConfigSchema::logLevel);
        add("client.run.poll_interval", Type.NUMBER, positive());
        add("client.run.max_parallel_jobs", Type.INTEGER, atLeast(1));
        add("client.run.output_dir", Type.STRING, ConfigSchema::nonBlank);
        add("client.run.num_cpus", Type.INTEGER, atLeast(1));
        add("client.run.memory_gb", Type.NUMBER, positive());
        add("client.run.num_gpus", Type.INTEGER, atLeast(0));
        add("client.slurm.poll_interval", Type.INTEGER, atLeast(1));
        add("client.slurm.keep_submission_scripts", Type.BOOLEAN, null);
        add("client.slurm.strict_scheduler_match", Type.BOOLEAN, null);
    }

    private ConfigSchema() {
    }

    private static void add(String path, Type type, Rule rule) {
        SETTINGS.put(path, new Setting(path, type, rule));
    }

    /** Converts an environment variable's text to the setting's type, or explains why not. */
    static JsonNode fromText(Setting setting, String text, String variable) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String t = text.trim();
        try {
            return switch (setting.type()) {
                case STRING -> f.textNode(text);
                case INTEGER -> f.numberNode(Long.parseLong(t));
                case NUMBER -> f.numberNode(Double.parseDouble(t));
                case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                    case "true" -> f.booleanNode(true);
                    case "false" -> f.booleanNode(false);
                    default -> throw new NumberFormatException();
                };
            };
        } catch (NumberFormatException e) {
            throw new ConfigException("Invalid environment variable " + variable + ": "
                    + setting.path() + " must be " + setting.type().description + ", got '" + text
                    + "'");
        }
    }

    private static String nonBlank(String path, JsonNode v) {
        return v.asText().isBlank() ? path + " must not be empty" : null;
    }

    private static String logLevel(String path, JsonNode v) {
        try {
            Logging.resolveLevel(null, v.asText());
            return null;
        } catch (IllegalArgumentException e) {
            return path + " must be error, warn, info, debug or trace, got '" + v.asText() + "'";
        }
    }

    private static Rule positive() {
        return (p, v) -> v.asDouble() > 0 ? null : p + " must be positive, got " + v.asText();
    }

    private static Rule atLeast(long min) {
        return (p, v) -> v.asLong() >= min ? null : p + " must be at least " + min + ", got "
                + v.asText();
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "the string \"" + v.asText() + "\"";
        }
        if (v.isObject()) {
            return "a table";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isBoolean()) {
            return "the boolean " + v.asText();
        }
        return (v.isIntegralNumber() ? "the integer " : "the number ") + v.asText();
    }
}
