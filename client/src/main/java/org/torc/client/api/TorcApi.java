package org.torc.client.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.common.Json;

/**
 * The torc REST API over the JDK's HTTP client. Errors become {@link ApiError} (the server said
 * no) or {@link ServerUnreachable} (no answer), never raw exceptions.
 */
public class TorcApi {
    public static final String DEFAULT_URL = "http://localhost:8080/torc-service/v1";

    private final String baseUrl;
    private final HttpClient http;
    private final String authorization;
    private final Duration timeout;

    public TorcApi(String baseUrl, String user, String password) {
        this(baseUrl, user, password, Duration.ofSeconds(120));
    }

    public TorcApi(String baseUrl, String user, String password, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.authorization = password == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    public String baseUrl() {
        return baseUrl;
    }

    // ------------------------------------------------------------------ generic calls

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    public JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    public <T> T get(String path, Class<T> type) {
        return convert(get(path), type);
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return convert(post(path, body), type);
    }

    public <T> T put(String path, Object body, Class<T> type) {
        return convert(put(path, body), type);
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new ApiError(0, "Unexpected response from the server: " + e.getOriginalMessage());
        }
    }

    public static <T> List<T> convertList(JsonNode node, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (node != null) {
            for (JsonNode n : node) {
                out.add(convert(n, type));
            }
        }
        return out;
    }

    /** Reads every page of a list endpoint ({@code items}), 1,000 at a time, up to {@code max}. */
    public List<JsonNode> listAll(String path, Map<String, Object> query, long max) {
        List<JsonNode> out = new ArrayList<>();
        long offset = query.containsKey("offset") ? ((Number) query.get("offset")).longValue() : 0;
        while (out.size() < max) {
            Map<String, Object> q = new LinkedHashMap<>(query);
            q.put("offset", offset);
            q.put("limit", Math.min(1000, max - out.size()));
            JsonNode page = get(path + queryString(q));
            JsonNode items = page.path("items");
            items.forEach(out::add);
            offset += items.size();
            if (!page.path("has_more").asBoolean(false) || items.isEmpty()) {
                break;
            }
        }
        return out;
    }

    public static String queryString(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        for (var e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            Iterable<?> values = e.getValue() instanceof Iterable<?> it ? it : List.of(e.getValue());
            for (Object v : values) {
                sb.append(sb.length() == 0 ? '?' : '&')
                        .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    public JsonNode send(String method, String path, Object body) {
        return send(method, path, body, timeout);
    }

    public JsonNode send(String method, String path, Object body, Duration requestTimeout) {
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            req.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServerUnreachable(baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachable(baseUrl, e);
        }
        JsonNode json = parse(resp.body());
        if (resp.statusCode() >= 400) {
            throw new ApiError(resp.statusCode(), errorMessage(resp.statusCode(), json, resp.body()));
        }
        return json;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return Json.mapper().nullNode();
        }
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(text);
        }
    }

    private static String errorMessage(int status, JsonNode json, String raw) {
        JsonNode msg = json.path("error").path("message");
        if (msg.isTextual()) {
            return msg.asText();
        }
        if (json.path("error").isTextual()) {
            return json.path("error").asText() + (json.has("message") ? ": " + json.get("message")
                    .asText() : "");
        }
        return raw == null || raw.isBlank() ? "HTTP " + status : raw.strip();
    }

    public static <T> TypeReference<T> type() {
        return new TypeReference<>() {
        };
    }
}
