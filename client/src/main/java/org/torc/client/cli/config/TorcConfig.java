package org.torc.client.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.torc.common.Json;

/**
 * torc's layered configuration: built-in defaults, then {@code /etc/torc/config.toml}, the user's
 * {@code ~/.config/torc/config.toml}, {@code ./torc.toml}, then {@code TORC_CLIENT__...}
 * environment variables (double underscore between levels). Command-line options are applied on
 * top by {@code ClientSettings}.
 *
 * <p>Unlike torc, which silently falls back to the defaults when anything is wrong, a file with a
 * syntax error, a value of the wrong type or an unknown key in the client's sections is an error
 * that names the file and the key.
 */
public final class TorcConfig {
    public static final String DEFAULT_API_URL = "http://localhost:8080/torc-service/v1";
    private static final String ENV_PREFIX = "TORC_CLIENT__";
    private static final TomlMapper TOML = new TomlMapper();

    private final ObjectNode tree;
    private final List<Path> files;

    private TorcConfig(ObjectNode tree, List<Path> files) {
        this.tree = tree;
        this.files = List.copyOf(files);
    }

    /** The built-in defaults (torc's {@code ClientConfig::default}). */
    public static ObjectNode defaults() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode client = root.putObject("client");
        client.put("api_url", DEFAULT_API_URL);
        client.put("format", "table");
        client.put("log_level", "info");
        ObjectNode run = client.putObject("run");
        run.put("poll_interval", 5.0);
        run.put("output_dir", "output");
        ObjectNode slurm = client.putObject("slurm");
        slurm.put("poll_interval", 30);
        slurm.put("keep_submission_scripts", false);
        slurm.put("strict_scheduler_match", false);
        return root;
    }

    /** Loads every layer; throws {@link ConfigException} listing every problem found. */
    public static TorcConfig load(ConfigPaths paths, Map<String, String> env) {
        ObjectNode merged = defaults();
        List<String> problems = new ArrayList<>();
        List<Path> loaded = paths.existing();
        for (Path file : loaded) {
            JsonNode content = readFile(file, problems);
            if (content != null) {
                List<String> fileProblems = new ArrayList<>();
                check(content, "", fileProblems);
                fileProblems.forEach(p -> problems.add("Invalid configuration file " + file + ": "
                        + p));
                if (fileProblems.isEmpty()) {
                    merge(merged, (ObjectNode) content);
                }
            }
        }
        applyEnvironment(merged, env, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TorcConfig(merged, loaded);
    }

    /** The files that were read, lowest priority first. */
    public List<Path> files() {
        return files;
    }

    /** The merged settings as JSON (a copy). */
    public ObjectNode toJson() {
        return tree.deepCopy();
    }

    public String string(String path) {
        JsonNode n = at(path);
        return n == null ? null : n.asText();
    }

    public Long integer(String path) {
        JsonNode n = at(path);
        return n == null ? null : n.asLong();
    }

    public Double number(String path) {
        JsonNode n = at(path);
        return n == null ? null : n.asDouble();
    }

    public Boolean bool(String path) {
        JsonNode n = at(path);
        return n == null ? null : n.asBoolean();
    }

    private JsonNode at(String path) {
        JsonNode n = tree.at("/" + path.replace('.', '/'));
        return n.isMissingNode() || n.isNull() ? null : n;
    }

    /** The merged settings as a TOML document with one {@code [table]} per section. */
    public String toToml() {
        StringBuilder sb = new StringBuilder();
        writeTable(sb, "", tree);
        return sb.toString().stripTrailing() + "\n";
    }

    // ------------------------------------------------------------------ loading

    private static JsonNode readFile(Path file, List<String> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add("Cannot read configuration file " + file + ": " + e.getMessage());
            return null;
        }
        try {
            JsonNode content = TOML.readTree(text);
            return content == null || content.isMissingNode() ? Json.mapper().createObjectNode()
                    : content;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add("Invalid configuration file " + file + ": " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
            return null;
        }
    }

    /** Checks one table of a file against the schema; {@code prefix} is its dotted path. */
    private static void check(JsonNode table, String prefix, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode value = e.getValue();
            if (ConfigSchema.FOREIGN_SECTIONS.contains(path)) {
                continue;
            }
            if (ConfigSchema.SECTIONS.contains(path)) {
                if (value.isObject()) {
                    check(value, path, problems);
                } else {
                    problems.add(path + " must be a table ([" + path + "]), got "
                            + ConfigSchema.describe(value));
                }
                continue;
            }
            ConfigSchema.Setting setting = ConfigSchema.SETTINGS.get(path);
            if (setting == null) {
                problems.add("unknown key " + path + suggestion(path));
                continue;
            }
            String problem = setting.check(value);
            if (problem != null) {
                problems.add(problem);
            }
        }
    }

    private static String suggestion(String path) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : ConfigSchema.SETTINGS.keySet()) {
            int d = distance(path, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode src) {
                merge(target, src);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** {@code TORC_CLIENT__RUN__POLL_INTERVAL=1} sets {@code client.run.poll_interval}. */
    private static void applyEnvironment(ObjectNode merged, Map<String, String> env,
            List<String> problems) {
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX) || name.length() == ENV_PREFIX.length()) {
                continue;
            }
            String path = "client." + String.join(".", name.substring(ENV_PREFIX.length())
                    .toLowerCase(Locale.ROOT).split("__"));
            if (isForeign(path)) {
                continue;
            }
            ConfigSchema.Setting setting = ConfigSchema.SETTINGS.get(path);
            if (setting == null) {
                problems.add("Invalid environment variable " + name + ": unknown setting " + path
                        + suggestion(path));
                continue;
            }
            try {
                JsonNode value = ConfigSchema.fromText(setting, e.getValue(), name);
                String problem = setting.check(value);
                if (problem != null) {
                    problems.add("Invalid environment variable " + name + ": " + problem);
                    continue;
                }
                set(merged, path, value);
            } catch (ConfigException bad) {
                problems.add(bad.getMessage());
            }
        }
    }

    private static boolean isForeign(String path) {
        for (String foreign : ConfigSchema.FOREIGN_SECTIONS) {
            if (path.equals(foreign) || path.startsWith(foreign + ".")) {
                return true;
            }
        }
        return false;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    // ------------------------------------------------------------------ TOML output

    private static void writeTable(StringBuilder sb, String path, JsonNode table) {
        List<Map.Entry<String, JsonNode>> subtables = new ArrayList<>();
        boolean header = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                subtables.add(e);
                continue;
            }
            if (!header && !path.isEmpty()) {
                sb.append('[').append(path).append("]\n");
                header = true;
            }
            sb.append(key(e.getKey())).append(" = ").append(value(e.getValue())).append('\n');
        }
        if (header) {
            sb.append('\n');
        }
        for (Map.Entry<String, JsonNode> e : subtables) {
            String child = path.isEmpty() ? key(e.getKey()) : path + "." + key(e.getKey());
            if (e.getValue().isEmpty()) {
                sb.append('[').append(child).append("]\n\n");
            }
            writeTable(sb, child, e.getValue());
        }
    }

    private static String key(String k) {
        return k.matches("[A-Za-z0-9_-]+") ? k : Json.write(k);
    }

    private static String value(JsonNode v) {
        if (v.isTextual()) {
            return Json.write(v.asText());
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(x -> items.add(value(x)));
            return "[" + String.join(", ", items) + "]";
        }
        if (v.isObject()) {
            List<String> items = new ArrayList<>();
            v.fields().forEachRemaining(e -> items.add(key(e.getKey()) + " = " + value(e.getValue())));
            return "{ " + String.join(", ", items) + " }";
        }
        if (v.isFloatingPointNumber() || v.isBigDecimal()) {
            double d = v.asDouble();
            return d == Math.rint(d) && !Double.isInfinite(d) ? String.format(Locale.ROOT, "%.1f", d)
                    : Double.toString(d);
        }
        return v.asText();
    }
}
