package org.torc.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.torc.common.Json;

/** Plain HTTP calls to the API for tests, returning status and parsed JSON. */
public final class ApiClient {
    private final HttpClient http;
    private volatile String baseUrl;
    /** Sent as the Authorization header when not null. */
    private final String authorization;

    public ApiClient(String baseUrl) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), baseUrl, null);
    }

    private ApiClient(HttpClient http, String baseUrl, String authorization) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** The same server, calling with HTTP Basic credentials. */
    public ApiClient as(String user, String password) {
        return withAuthorization("Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The same server, sending {@code headerValue} verbatim as the Authorization header. */
    public ApiClient withAuthorization(String headerValue) {
        return new ApiClient(http, baseUrl, headerValue);
    }

    void setBaseUrl(String url) {
        this.baseUrl = url;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public record Response(int status, String text, JsonNode json,
            java.net.http.HttpHeaders headers) {
        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": "
                        + text);
            }
            return this;
        }

        public long id() {
            return json.get("id").asLong();
        }

        public String errorMessage() {
            return json.path("error").path("message").asText();
        }
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    /** Sends {@code body} as JSON: a String is sent verbatim, anything else is serialized. */
    public Response send(String method, String path, Object body) {
        String text = body == null ? "" : body instanceof String s ? s : Json.write(body);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text));
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String respText = resp.body();
            if (respText != null && !respText.isBlank()) {
                try {
                    json = Json.mapper().readTree(respText);
                } catch (IOException e) {
                    json = null;
                }
            }
            return new Response(resp.statusCode(), respText, json, resp.headers());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode obj() {
        return Json.mapper().createObjectNode();
    }

    public long createWorkflow(String name) {
        return post("/workflows", obj().put("name", name).put("user", "tester")).expect(200).id();
    }
}
