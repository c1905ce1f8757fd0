package org.torc.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.torc.common.Json;

/**
 * Checks response bodies against torc's own API description ({@code openapi/torc-openapi.yaml},
 * a verbatim copy of torc v0.12's {@code api/openapi.yaml}): the operation is found by method and
 * concrete path, and the body must match that operation's 200 response schema, with
 * {@code $ref}s resolved into {@code components/schemas}.
 *
 * <p>Two things are stricter than the file itself. Objects whose schema lists properties, named in
 * {@code components/schemas} or inline in a response, may not carry others (a misspelt or invented
 * field fails). And the property-level {@code schema:} wrappers the file uses for job statuses,
 * which JSON Schema would silently ignore, are unwrapped so statuses are really checked.
 *
 * <p>Where torc's real server answers differently from its openapi file, the port follows the
 * server; each such difference is a named entry in {@link #DEVIATIONS} applied to the loaded
 * document, never an edit of the copied file.
 *
 * <p>Validation uses networknt json-schema-validator, which is built on Jackson 3; bodies and
 * schemas cross over as JSON text so Jackson 2 and 3 trees never mix.
 */
public final class OpenApiContract {
    private static final String RESOURCE = "/openapi/torc-openapi.yaml";
    private static final String BASE_PATH = "/torc-service/v1";
    private static final java.util.Set<String> HTTP_METHODS =
            java.util.Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    /**
     * A deliberate difference between torc's openapi file and what the port's server answers:
     * which operations it concerns, the field, why, and the patch applied to the loaded document.
     */
    public record Deviation(String operations, String field, String why,
            Consumer<ObjectNode> patch) {
    }

    /** Every place the port (following torc's server) differs from torc's openapi.yaml. */
    public static final List<Deviation> DEVIATIONS = List.of(
            new Deviation("every operation answering a job or a result", "status: pending_failed",
                    "torc's JobStatus enum has pending_failed (10) and its server emits it; the "
                            + "openapi job_status enum lacks it",
                    doc -> schema(doc, "job_status").withArray("enum").add("pending_failed")),
            new Deviation("GET /workflows/{id}/required_existing_files", "files[]: integer",
                    "torc returns file ids (Vec<i64>); the openapi says strings",
                    doc -> at(schema(doc, "list_required_existing_files_response"), "properties",
                            "files", "items").put("type", "integer")),
            new Deviation("GET /version", "the body is a JSON string",
                    "torc's get_version returns \"X.Y.Z (git hash)\", not an object",
                    doc -> response200(doc, "/version", "get").put("type", "string")),
            new Deviation("every operation answering a job", "scheduler_id: null",
                    "torc always serializes scheduler_id, as null when unset",
                    doc -> at(schema(doc, "job_model"), "properties", "scheduler_id")
                            .putArray("type").add("integer").add("null")),
            new Deviation("every operation answering a result", "compute_node_id absent",
                    "deleting a compute node keeps its results with no node (torc deleted them)",
                    doc -> removeRequired(schema(doc, "result_model"), "compute_node_id")),
            new Deviation("every operation answering user data", "data: any JSON value",
                    "torc stores serde_json::Value; a list or a number is as valid as an object",
                    doc -> anyJson(at(schema(doc, "user_data_model"), "properties", "data"))),
            new Deviation("every operation answering an event", "data: any JSON value",
                    "torc stores serde_json::Value as the event's data",
                    doc -> anyJson(at(schema(doc, "event_model"), "properties", "data"))),
            new Deviation("POST /workflows/{id}/actions, GET /workflows/{id}/actions, "
                    + "GET /workflows/{id}/actions/pending",
                    "trigger_count, required_triggers, is_recovery",
                    "torc's WorkflowActionModel has and serializes them (trigger counting for "
                            + "on_jobs_* actions, recovery actions); the openapi omits them",
                    doc -> {
                        ObjectNode props = at(schema(doc, "workflow_action_model"), "properties");
                        props.putObject("trigger_count").put("type", "integer");
                        props.putObject("required_triggers").put("type", "integer");
                        props.putObject("is_recovery").put("type", "boolean");
                    }),
            new Deviation("POST /workflows/{id}/actions/{action_id}/claim",
                    "claimed (not success)",
                    "torc's claim_action answers {\"claimed\": true, \"action_id\": N}; the "
                            + "openapi calls the flag success",
                    doc -> {
                        ObjectNode claim = response200(doc,
                                "/workflows/{id}/actions/{action_id}/claim", "post");
                        ObjectNode props = at(claim, "properties");
                        props.remove("success");
                        props.putObject("claimed").put("type", "boolean");
                        claim.putArray("required").add("claimed").add("action_id");
                    }));

    /** torc's openapi.yaml as read, before any rewriting. */
    private static final ObjectNode TORC_OPENAPI = load();
    private static final OpenApiContract INSTANCE = new OpenApiContract(DEVIATIONS);
    /** Contracts with one deviation left out, to show that each deviation is still needed. */
    private static final Map<Deviation, OpenApiContract> WITHOUT = new ConcurrentHashMap<>();

    private final ObjectNode document;
    /** components/schemas as JSON Schema {@code $defs}, with references pointing there. */
    private final ObjectNode defs;
    private final SchemaRegistry registry =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final tools.jackson.databind.ObjectMapper jackson3 =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private OpenApiContract(List<Deviation> deviations) {
        document = TORC_OPENAPI.deepCopy();
        JsonNode schemas = document.path("components").path("schemas");
        schemas.forEach(OpenApiContract::normalize);
        for (Deviation d : deviations) {
            d.patch().accept(document);
        }
        schemas.forEach(OpenApiContract::closeObjects);
        defs = (ObjectNode) schemas.deepCopy();
        rewriteRefs(defs);
    }

    private static ObjectNode load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return (ObjectNode) new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /**
     * Fails with every violation listed when {@code body} (a Jackson 2 tree, a record, or JSON
     * text) does not match the 200 response of {@code method path}. {@code path} is concrete,
     * e.g. {@code /files/7?workflow_id=1}, with or without the {@code /torc-service/v1} prefix.
     */
    public static void assertValid(String method, String path, Object body) {
        List<String> errors = errors(method, path, body);
        if (!errors.isEmpty()) {
            String json = text(body);
            throw new AssertionError("Response of " + method.toUpperCase(Locale.ROOT) + " " + path
                    + " (operation " + INSTANCE.operationKey(method, path) + ") does not match "
                    + "torc's openapi:\n  " + String.join("\n  ", errors) + "\nbody: "
                    + (json.length() > 2000 ? json.substring(0, 2000) + "..." : json));
        }
    }

    /** The violations, empty when the body is valid; an unknown operation is an AssertionError. */
    public static List<String> errors(String method, String path, Object body) {
        return INSTANCE.violations(method, path, body);
    }

    /**
     * The violations under a contract that lacks {@code leftOut} (one of {@link #DEVIATIONS}):
     * empty for every response the server gives means the deviation is no longer needed.
     */
    public static List<String> errorsWithout(Deviation leftOut, String method, String path,
            Object body) {
        if (!DEVIATIONS.contains(leftOut)) {
            throw new IllegalArgumentException("Not a listed deviation: " + leftOut);
        }
        return WITHOUT.computeIfAbsent(leftOut, d -> new OpenApiContract(
                DEVIATIONS.stream().filter(x -> x != d).toList()))
                .violations(method, path, body);
    }

    private List<String> violations(String method, String path, Object body) {
        Schema schema = schemaFor(method, path);
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(jackson3.readTree(text(body)))) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * Every operation torc's openapi declares, as {@code "METHOD /template"} (e.g.
     * {@code "GET /files/{id}"}), sorted.
     */
    public static java.util.SortedSet<String> operations() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        INSTANCE.document.path("paths").properties().forEach(path -> path.getValue().fieldNames()
                .forEachRemaining(m -> {
                    if (HTTP_METHODS.contains(m)) {
                        out.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return out;
    }

    /**
     * The 200 response schema of the operation that {@code method path} (a concrete path) calls,
     * as declared with the deviations applied (references not resolved).
     */
    public static JsonNode responseSchema(String method, String path) {
        String[] parts = INSTANCE.operationKey(method, path).split(" ", 2);
        return response200(INSTANCE.document, parts[1], parts[0].toLowerCase(Locale.ROOT))
                .deepCopy();
    }

    /** {@code "GET /files/{id}"} for {@code ("get", "/files/7")}; fails when no operation matches. */
    public static String operation(String method, String path) {
        return INSTANCE.operationKey(method, path);
    }

    private Schema schemaFor(String method, String path) {
        String key = operationKey(method, path);
        return compiled.computeIfAbsent(key, k -> {
            String[] parts = k.split(" ", 2);
            ObjectNode root = response200(document, parts[1], parts[0].toLowerCase(Locale.ROOT))
                    .deepCopy();
            normalize(root);
            closeObjects(root);
            rewriteRefs(root);
            root.set("$defs", defs);
            return registry.getSchema(jackson3.readTree(Json.write(root)));
        });
    }

    /**
     * Finds the operation for a concrete path. A template segment {@code {x}} matches any one
     * segment; where several templates match, the one with most literal segments wins.
     */
    private String operationKey(String method, String concretePath) {
        String m = method.toLowerCase(Locale.ROOT);
        String path = concretePath;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith(BASE_PATH)) {
            path = path.substring(BASE_PATH.length());
        }
        String[] segments = path.replaceAll("/+$", "").split("/");
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext();) {
            String template = it.next();
            if (!document.path("paths").path(template).has(m)) {
                continue;
            }
            String[] t = template.split("/");
            if (t.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean match = true;
            for (int i = 0; i < t.length && match; i++) {
                if (t[i].startsWith("{") && t[i].endsWith("}")) {
                    match = !segments[i].isEmpty();
                } else if (t[i].equals(segments[i])) {
                    literals++;
                } else {
                    match = false;
                }
            }
            if (match && literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        if (best == null) {
            throw new AssertionError("torc's openapi has no operation " + m.toUpperCase(Locale.ROOT)
                    + " " + path);
        }
        return m.toUpperCase(Locale.ROOT) + " " + best;
    }

    private static ObjectNode response200(ObjectNode doc, String template, String method) {
        JsonNode schema = doc.path("paths").path(template).path(method).path("responses")
                .path("200").path("content").path("application/json").path("schema");
        if (!schema.isObject()) {
            throw new AssertionError("torc's openapi declares no JSON 200 response for "
                    + method.toUpperCase(Locale.ROOT) + " " + template);
        }
        return (ObjectNode) schema;
    }

    private static ObjectNode schema(ObjectNode doc, String name) {
        JsonNode s = doc.path("components").path("schemas").path(name);
        if (!s.isObject()) {
            throw new IllegalStateException("torc's openapi has no schema " + name);
        }
        return (ObjectNode) s;
    }

    /** The object at {@code names} below {@code start}; fails if torc's file no longer has it. */
    private static ObjectNode at(ObjectNode start, String... names) {
        ObjectNode node = start;
        for (String name : names) {
            if (!(node.get(name) instanceof ObjectNode next)) {
                throw new IllegalStateException("torc's openapi has no '" + name + "' here: " + node);
            }
            node = next;
        }
        return node;
    }

    private static void removeRequired(ObjectNode schema, String field) {
        ArrayNode required = schema.withArray("required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals(field)) {
                required.remove(i);
            }
        }
    }

    private static void anyJson(ObjectNode property) {
        property.remove("type");
        property.remove("properties");
    }

    /**
     * Rewrites OpenAPI-only spellings into JSON Schema: {@code nullable: true} becomes a
     * {@code null} type, a property's {@code schema: {$ref}} wrapper becomes the {@code $ref}, and
     * {@code example} (not a JSON Schema keyword) is dropped.
     */
    private static void normalize(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            obj.remove("example");
            JsonNode wrapped = obj.get("schema");
            if (wrapped instanceof ObjectNode inner && !obj.has("type") && !obj.has("$ref")) {
                obj.remove("schema");
                obj.setAll(inner);
            }
            if (obj.path("nullable").asBoolean(false) && obj.get("type") != null
                    && obj.get("type").isTextual()) {
                String type = obj.get("type").asText();
                ArrayNode types = obj.putArray("type");
                types.add(type).add("null");
            }
            obj.remove("nullable");
            obj.properties().forEach(e -> normalize(e.getValue()));
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(OpenApiContract::normalize);
        }
    }

    /** {@code #/components/schemas/x} becomes {@code #/$defs/x}, where each root schema keeps them. */
    private static void rewriteRefs(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            JsonNode ref = obj.get("$ref");
            if (ref != null && ref.isTextual()) {
                obj.put("$ref", ref.asText().replace("#/components/schemas/", "#/$defs/"));
            }
            obj.forEach(OpenApiContract::rewriteRefs);
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(OpenApiContract::rewriteRefs);
        }
    }

    /** Objects with declared properties accept no others; free-form objects stay open. */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            JsonNode props = obj.get("properties");
            if (props != null && props.isObject() && !props.isEmpty()
                    && !obj.has("additionalProperties")) {
                obj.put("additionalProperties", false);
            }
            if (props != null) {
                props.forEach(OpenApiContract::closeObjects);
            }
            JsonNode items = obj.get("items");
            if (items != null) {
                closeObjects(items);
            }
        }
    }

    private static String text(Object body) {
        if (body instanceof String s) {
            return s;
        }
        return Json.write(body);
    }
}
