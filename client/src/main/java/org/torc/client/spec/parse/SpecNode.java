package org.torc.client.spec.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The format-neutral document every spec format is read into before it is bound to the spec model
 * (torc converts every format to a JSON value first; this is the same idea, plus positions so
 * that errors can name a line and column).
 */
public sealed interface SpecNode {
    SourcePos pos();

    /** How serde would name this value in an "invalid type" message, e.g. {@code integer `5`}. */
    String describe();

    /** This value as plain JSON (for {@code user_data.data} and {@code slurm_defaults}). */
    JsonNode toJson();

    /** A mapping; keys keep their document order. {@code keyPos} holds where each key was written. */
    record Obj(Map<String, SpecNode> fields, Map<String, SourcePos> keyPos, SourcePos pos) implements SpecNode {
        public Obj {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            keyPos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keyPos));
        }

        @Override
        public String describe() {
            return "map";
        }

        @Override
        public JsonNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            fields.forEach((k, v) -> n.set(k, v.toJson()));
            return n;
        }

        public SourcePos keyPos(String key) {
            SourcePos p = keyPos.get(key);
            return p != null ? p : pos;
        }
    }

    record Arr(List<SpecNode> items, SourcePos pos) implements SpecNode {
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "sequence";
        }

        @Override
        public JsonNode toJson() {
            ArrayNode n = JsonNodeFactory.instance.arrayNode();
            items.forEach(i -> n.add(i.toJson()));
            return n;
        }
    }

    record Str(String value, SourcePos pos) implements SpecNode {
        @Override
        public String describe() {
            return "string \"" + value + "\"";
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(value);
        }
    }

    record Int(BigInteger value, SourcePos pos) implements SpecNode {
        @Override
        public String describe() {
            return "integer `" + value + "`";
        }

        @Override
        public JsonNode toJson() {
            if (value.bitLength() < 64) {
                return JsonNodeFactory.instance.numberNode(value.longValue());
            }
            return JsonNodeFactory.instance.numberNode(value);
        }
    }

    record Flt(double value, SourcePos pos) implements SpecNode {
        @Override
        public String describe() {
            return "floating point `" + value + "`";
        }

        @Override
        public JsonNode toJson() {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                // JSON has no NaN or infinities; serde_json writes them as null.
                return JsonNodeFactory.instance.nullNode();
            }
            return JsonNodeFactory.instance.numberNode(value);
        }
    }

    record Bool(boolean value, SourcePos pos) implements SpecNode {
        @Override
        public String describe() {
            return "boolean `" + value + "`";
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.booleanNode(value);
        }
    }

    record Null(SourcePos pos) implements SpecNode {
        @Override
        public String describe() {
            return "null";
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.nullNode();
        }
    }

    /** Converts plain JSON into a tree whose positions are all {@code pos}. */
    static SpecNode fromJson(JsonNode json, SourcePos pos) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return new Null(pos);
        }
        if (json.isObject()) {
            Map<String, SpecNode> fields = new LinkedHashMap<>();
            json.properties().forEach(e -> fields.put(e.getKey(), fromJson(e.getValue(), pos)));
            return new Obj(fields, Map.of(), pos);
        }
        if (json.isArray()) {
            List<SpecNode> items = new java.util.ArrayList<>();
            json.forEach(i -> items.add(fromJson(i, pos)));
            return new Arr(items, pos);
        }
        if (json.isBoolean()) {
            return new Bool(json.booleanValue(), pos);
        }
        if (json.isIntegralNumber()) {
            return new Int(json.bigIntegerValue(), pos);
        }
        if (json.isNumber()) {
            return new Flt(json.doubleValue(), pos);
        }
        return new Str(json.asText(), pos);
    }
}
