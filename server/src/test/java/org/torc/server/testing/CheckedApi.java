package org.torc.server.testing;

import org.torc.server.testing.ApiClient.Response;

/**
 * An {@link ApiClient} whose every 200 response is also checked against torc's openapi
 * ({@link OpenApiContract}), so each call a test makes doubles as a contract check.
 */
public final class CheckedApi {
    private final ApiClient api;
    private final java.util.Set<String> validated =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    public CheckedApi(ApiClient api) {
        this.api = api;
    }

    public ApiClient unchecked() {
        return api;
    }

    /**
     * The operations ({@code "GET /files/{id}"}) whose 200 response this client has validated
     * against torc's openapi so far.
     */
    public java.util.SortedSet<String> validatedOperations() {
        return new java.util.TreeSet<>(validated);
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

    public Response send(String method, String path, Object body) {
        Response r = api.send(method, path, body);
        if (r.status() == 200) {
            OpenApiContract.assertValid(method, path, r.text());
            validated.add(OpenApiContract.operation(method, path));
        }
        return r;
    }

    public long createWorkflow(String name) {
        return post("/workflows", ApiClient.obj().put("name", name).put("user", "tester"))
                .expect(200).id();
    }
}
