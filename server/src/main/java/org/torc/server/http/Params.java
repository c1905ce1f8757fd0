package org.torc.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.torc.common.Json;
import org.torc.common.JobStatus;
import org.torc.common.model.ListResponse;

/** Reads and checks path, query and body parameters; anything malformed is a 400 with a message. */
public final class Params {
    private Params() {
    }

    public static long pathLong(Context ctx, String name) {
        return parseLong(ctx.pathParam(name), "path parameter " + name);
    }

    public static String pathString(Context ctx, String name) {
        return ctx.pathParam(name);
    }

    public static JobStatus pathStatus(Context ctx, String name) {
        try {
            return JobStatus.fromWire(ctx.pathParam(name));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    public static Long queryLong(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : parseLong(v, "query parameter " + name);
    }

    public static long requiredQueryLong(Context ctx, String name) {
        Long v = queryLong(ctx, name);
        if (v == null) {
            throw ApiException.badRequest("Missing required query parameter " + name);
        }
        return v;
    }

    public static Double queryDouble(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Couldn't parse query parameter " + name + ": '" + v
                    + "' is not a number");
        }
    }

    /** Booleans accept only {@code true} and {@code false}, as torc. */
    public static Boolean queryBool(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("Couldn't parse query parameter " + name
                    + ": '" + v + "' is not true or false");
        };
    }

    public static boolean queryBool(Context ctx, String name, boolean dflt) {
        Boolean v = queryBool(ctx, name);
        return v == null ? dflt : v;
    }

    public static String queryString(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public static JobStatus queryStatus(Context ctx, String name) {
        String v = queryString(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            return JobStatus.fromWire(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Paging parameters of a list endpoint; {@code limit} above 10,000 is an error, as in torc. */
    public static Page page(Context ctx, Set<String> sortable, String alias) {
        Long offset = queryLong(ctx, "offset");
        Long limit = queryLong(ctx, "limit");
        if (offset != null && offset < 0) {
            throw ApiException.badRequest("offset cannot be negative");
        }
        if (limit != null && limit < 0) {
            throw ApiException.badRequest("limit cannot be negative");
        }
        if (limit != null && limit > ListResponse.MAX_LIMIT) {
            throw ApiException.badRequest("Limit cannot exceed " + ListResponse.MAX_LIMIT);
        }
        String column = Page.sortColumn(queryString(ctx, "sort_by"), sortable, alias);
        return new Page(offset == null ? 0 : offset, limit == null ? ListResponse.MAX_LIMIT : limit,
                column, queryBool(ctx, "reverse_sort", false));
    }

    /** Paging where torc clamps the limit instead of refusing it (relationship lists). */
    public static Page clampedPage(Context ctx, String idColumn) {
        Long offset = queryLong(ctx, "offset");
        Long limit = queryLong(ctx, "limit");
        if ((offset != null && offset < 0) || (limit != null && limit < 0)) {
            throw ApiException.badRequest("offset and limit cannot be negative");
        }
        long l = limit == null ? ListResponse.MAX_LIMIT : Math.min(limit, ListResponse.MAX_LIMIT);
        return new Page(offset == null ? 0 : offset, l, idColumn, false);
    }

    /** The request body as {@code type}; a missing or malformed body is a 400. */
    public static <T> T body(Context ctx, Class<T> type) {
        T value = optionalBody(ctx, type);
        if (value == null) {
            throw ApiException.badRequest("Missing required body parameter body");
        }
        return value;
    }

    /** The request body, or null when it is absent, empty or JSON {@code null}. */
    public static <T> T optionalBody(Context ctx, Class<T> type) {
        String text = ctx.body();
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Couldn't parse body parameter body - doesn't match schema: "
                    + describe(e));
        }
    }

    public static JsonNode optionalBodyTree(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(text);
            return node == null || node.isNull() ? null : node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Couldn't parse body: " + describe(e));
        }
    }

    /** A short, single-line description of a JSON problem without internal class names. */
    static String describe(JsonProcessingException e) {
        String path = "";
        if (e instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (var ref : mie.getPath()) {
                if (ref.getFieldName() != null) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            path = "field '" + sb + "': ";
        }
        String msg = e.getOriginalMessage();
        if (e instanceof InvalidFormatException ife) {
            msg = "invalid value " + ife.getValue();
        } else if (msg != null) {
            msg = withoutJavaNames(msg);
        }
        String loc = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
        return path + msg + loc;
    }

    private static final Pattern JAVA_TYPE = Pattern.compile("`([^`]*)`");

    /**
     * Jackson's message with its Java type names (in backticks) replaced by JSON ones and its
     * advice to Java programmers dropped, cut at the source excerpt.
     */
    static String withoutJavaNames(String message) {
        String msg = message.replaceAll("\\s+", " ");
        int cut = msg.indexOf(" at [Source");
        if (cut > 0) {
            msg = msg.substring(0, cut);
        }
        msg = msg.replaceAll(" ?\\(token `[^`]*`\\)", "")
                .replaceAll(" ?\\(but could if [^)]*\\)", "");
        Matcher m = JAVA_TYPE.matcher(msg);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(jsonType(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("\\s+", " ").trim();
    }

    /** What a Java type is called in JSON: array, integer, number, boolean, string or object. */
    static String jsonType(String javaType) {
        String t = javaType.trim();
        if (t.endsWith("[]") || t.matches("(?s).*\\b(List|ArrayList|Set|HashSet|Collection)\\b.*")) {
            return "array";
        }
        String simple = t.replaceAll("<.*", "");
        simple = simple.substring(simple.lastIndexOf('.') + 1);
        return switch (simple) {
            case "long", "Long", "int", "Integer", "short", "Short", "BigInteger" -> "integer";
            case "double", "Double", "float", "Float", "BigDecimal" -> "number";
            case "boolean", "Boolean" -> "boolean";
            case "String", "char", "Character" -> "string";
            default -> "object";
        };
    }

    private static long parseLong(String v, String what) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Couldn't parse " + what + ": '" + v
                    + "' is not an integer");
        }
    }

    public static List<String> queryList(Context ctx, String name) {
        return ctx.queryParams(name);
    }

    public static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
