package org.torc.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.torc.common.Json;
import org.torc.server.db.Database;
import org.torc.server.db.Sql;
import org.torc.server.http.ApiApp;
import org.torc.server.http.ApiException;

/**
 * Access control for every endpoint, in one table: each route says where it finds the workflows
 * it touches (the path, a query parameter, the workflow of a row named by id, the request body),
 * and with enforcement on, the caller must have access to each of them ({@link Access}) before
 * the handler runs. Routes that touch no single workflow say why they are open.
 *
 * <p>torc checks only about twenty endpoints; here jobs, files, user data, results, events,
 * compute nodes, schedulers, resource requirements, failure handlers, actions and remote workers
 * are checked as well, by id and on creation. A row or workflow that does not exist is left to
 * the handler (404). {@link #requireRulesFor} makes a route without a rule a startup error, so a
 * new route cannot slip past.
 */
public final class WorkflowGuard implements Handler {
    /** The owning workflow of a row, per table. */
    public enum Owned {
        JOB("SELECT workflow_id FROM job WHERE id = ?"),
        FILE("SELECT workflow_id FROM file WHERE id = ?"),
        USER_DATA("SELECT workflow_id FROM user_data WHERE id = ?"),
        RESULT("SELECT workflow_id FROM result WHERE id = ?"),
        EVENT("SELECT workflow_id FROM event WHERE id = ?"),
        COMPUTE_NODE("SELECT workflow_id FROM compute_node WHERE id = ?"),
        RESOURCE_REQUIREMENTS("SELECT workflow_id FROM resource_requirements WHERE id = ?"),
        LOCAL_SCHEDULER("SELECT workflow_id FROM local_scheduler WHERE id = ?"),
        SLURM_SCHEDULER("SELECT workflow_id FROM slurm_scheduler WHERE id = ?"),
        SCHEDULED_COMPUTE_NODE("SELECT workflow_id FROM scheduled_compute_node WHERE id = ?"),
        FAILURE_HANDLER("SELECT workflow_id FROM failure_handler WHERE id = ?");

        private final String ownerQuery;

        Owned(String ownerQuery) {
            this.ownerQuery = ownerQuery;
        }
    }

    /** One place a request names a workflow. */
    sealed interface Source {
        void collect(Sql sql, Context ctx, Set<Long> workflowIds) throws SQLException;
    }

    /** {@code /workflows/{param}/...}. */
    record PathWorkflow(String param) implements Source {
        @Override
        public void collect(Sql sql, Context ctx, Set<Long> ids) {
            addIfLong(ids, ctx.pathParam(param));
        }
    }

    /** {@code ?workflow_id=N}. */
    record QueryWorkflow(String param) implements Source {
        @Override
        public void collect(Sql sql, Context ctx, Set<Long> ids) {
            addIfLong(ids, ctx.queryParam(param));
        }
    }

    /** A row named by a path parameter, e.g. {@code /jobs/{id}}. */
    record PathRow(Owned table, String param) implements Source {
        @Override
        public void collect(Sql sql, Context ctx, Set<Long> ids) throws SQLException {
            addOwner(sql, table, parseLong(ctx.pathParam(param)), ids);
        }
    }

    /** A row named by a query parameter, e.g. {@code ?consumer_job_id=N}. */
    record QueryRow(Owned table, String param) implements Source {
        @Override
        public void collect(Sql sql, Context ctx, Set<Long> ids) throws SQLException {
            addOwner(sql, table, parseLong(ctx.queryParam(param)), ids);
        }
    }

    /** {@code workflow_id} of the JSON body; of each element of {@code arrayField} if given. */
    record BodyWorkflow(String arrayField) implements Source {
        @Override
        public void collect(Sql sql, Context ctx, Set<Long> ids) {
            JsonNode body;
            try {
                body = Json.mapper().readTree(ctx.bodyAsBytes());
            } catch (IOException e) {
                return; // the handler answers the malformed body
            }
            if (body == null) {
                return;
            }
            if (arrayField == null) {
                addIfLong(ids, body.get("workflow_id"));
            } else if (body.path(arrayField).isArray()) {
                for (JsonNode element : body.get(arrayField)) {
                    addIfLong(ids, element.get("workflow_id"));
                }
            }
        }
    }

    /** What a route checks, or why it is open ({@code sources} empty). */
    public record Rule(List<Source> sources, String openBecause) {
        public boolean open() {
            return sources.isEmpty();
        }
    }

    private final Database db;
    private final Access access;

    public WorkflowGuard(Database db, Access access) {
        this.db = db;
        this.access = access;
    }

    @Override
    public void handle(Context ctx) {
        if (!access.enforced()) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String key = ApiApp.key(endpoint);
        Rule rule = RULES.get(key);
        if (rule == null) {
            // Unreachable after requireRulesFor; refuse rather than let an unlisted route through.
            throw ApiException.forbidden("No access rule for " + key);
        }
        if (rule.open()) {
            return;
        }
        db.read(sql -> {
            Set<Long> workflowIds = new LinkedHashSet<>();
            for (Source source : rule.sources()) {
                source.collect(sql, ctx, workflowIds);
            }
            for (long workflowId : workflowIds) {
                access.checkWorkflow(sql, ctx, workflowId);
            }
            return null;
        });
    }

    /** @throws IllegalStateException naming the endpoints that have no rule */
    public static void requireRulesFor(Collection<String> endpoints) {
        List<String> missing = new ArrayList<>();
        for (String endpoint : endpoints) {
            if (!RULES.containsKey(endpoint)) {
                missing.add(endpoint);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Endpoints without an access rule in WorkflowGuard: "
                    + missing);
        }
    }

    /** Every rule by {@code METHOD /path}, sorted, for documentation and tests. */
    public static Map<String, Rule> rules() {
        return new TreeMap<>(RULES);
    }

    private static void addIfLong(Set<Long> ids, String text) {
        Long id = parseLong(text);
        if (id != null) {
            ids.add(id);
        }
    }

    private static void addIfLong(Set<Long> ids, JsonNode node) {
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
            ids.add(node.asLong());
        }
    }

    private static void addOwner(Sql sql, Owned table, Long rowId, Set<Long> ids)
            throws SQLException {
        if (rowId != null) {
            sql.queryOne(table.ownerQuery, rs -> rs.getLong(1), rowId).ifPresent(ids::add);
        }
    }

    private static Long parseLong(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null; // the handler answers the malformed parameter
        }
    }

    // ---- the table --------------------------------------------------------------------------

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    private static Source path() {
        return new PathWorkflow("id");
    }

    private static Source query() {
        return new QueryWorkflow("workflow_id");
    }

    private static Source row(Owned table) {
        return new PathRow(table, "id");
    }

    private static Source body() {
        return new BodyWorkflow(null);
    }

    private static void check(String endpoint, Source... sources) {
        put(endpoint, new Rule(List.of(sources), null));
    }

    private static void open(String endpoint, String because) {
        put(endpoint, new Rule(List.of(), because));
    }

    private static void put(String endpoint, Rule rule) {
        if (RULES.put(endpoint, rule) != null) {
            throw new IllegalStateException("Two access rules for " + endpoint);
        }
    }

    /**
     * The common routes of a workflow-owned resource at {@code /base}: create (workflow in the
     * body), list and bulk delete (workflow in the query), and get, update (the row's workflow
     * and, should the body name one, that too) and delete by id.
     */
    private static void resource(String base, Owned table) {
        check("POST " + base, body());
        check("GET " + base, query());
        check("DELETE " + base, query());
        check("GET " + base + "/{id}", row(table));
        check("PUT " + base + "/{id}", row(table), body());
        check("DELETE " + base + "/{id}", row(table));
    }

    static {
        open("GET /ping", "health check");
        open("GET /version", "server version");
        open("GET /metrics", "server-wide counters, no workflow data");

        open("POST /workflows", "creates a new workflow");
        open("GET /workflows", "the handler lists only the workflows the caller may see");
        check("GET /workflows/{id}", path());
        check("PUT /workflows/{id}", path());
        check("DELETE /workflows/{id}", path());
        check("GET /workflows/{id}/status", path());
        check("PUT /workflows/{id}/status", path());

        check("POST /jobs", body());
        check("POST /bulk_jobs", new BodyWorkflow("jobs"));
        check("GET /jobs", query());
        check("DELETE /jobs", query());
        check("GET /jobs/{id}", row(Owned.JOB));
        check("PUT /jobs/{id}", row(Owned.JOB), body());
        check("DELETE /jobs/{id}", row(Owned.JOB));
        check("GET /workflows/{id}/job_ids", path());
        check("GET /workflows/{id}/job_dependencies", path());
        check("GET /workflows/{id}/job_file_relationships", path());
        check("GET /workflows/{id}/job_user_data_relationships", path());

        Source startNode = new QueryRow(Owned.COMPUTE_NODE, "start_compute_node_id");
        check("POST /workflows/{id}/initialize_jobs", path());
        check("GET /workflows/{id}/is_complete", path());
        check("GET /workflows/{id}/is_uninitialized", path());
        check("PUT /workflows/{id}/cancel", path());
        check("POST /workflows/{id}/reset_status", path());
        check("POST /workflows/{id}/reset_job_status", path());
        check("POST /workflows/{id}/process_changed_job_inputs", path());
        check("POST /workflows/{id}/claim_next_jobs", path(), startNode);
        check("GET /workflows/{id}/wait_for_jobs", path());
        check("POST /workflows/{id}/claim_jobs_based_on_resources/{limit}", path(), startNode);
        check("PUT /jobs/{id}/start_job/{run_id}/{compute_node_id}", row(Owned.JOB),
                new PathRow(Owned.COMPUTE_NODE, "compute_node_id"));
        check("POST /jobs/{id}/complete_job/{status}/{run_id}", row(Owned.JOB), body());
        check("POST /workflows/{id}/batch_complete_jobs", path());
        check("PUT /jobs/{id}/manage_status_change/{status}/{run_id}", row(Owned.JOB));
        check("POST /jobs/{id}/retry/{run_id}", row(Owned.JOB));
        check("POST /compute_nodes/{id}/heartbeat", row(Owned.COMPUTE_NODE));
        check("POST /workflows/{id}/sync_status", path());

        resource("/files", Owned.FILE);
        check("GET /workflows/{id}/required_existing_files", path());

        check("POST /user_data", body(), new QueryRow(Owned.JOB, "consumer_job_id"),
                new QueryRow(Owned.JOB, "producer_job_id"));
        check("GET /user_data", query());
        check("DELETE /user_data", query());
        check("GET /user_data/{id}", row(Owned.USER_DATA));
        check("PUT /user_data/{id}", row(Owned.USER_DATA), body());
        check("DELETE /user_data/{id}", row(Owned.USER_DATA));
        check("GET /workflows/{id}/missing_user_data", path());

        resource("/resource_requirements", Owned.RESOURCE_REQUIREMENTS);
        resource("/results", Owned.RESULT);
        resource("/compute_nodes", Owned.COMPUTE_NODE);
        resource("/local_schedulers", Owned.LOCAL_SCHEDULER);
        resource("/slurm_schedulers", Owned.SLURM_SCHEDULER);
        resource("/scheduled_compute_nodes", Owned.SCHEDULED_COMPUTE_NODE);

        check("POST /events", body());
        check("GET /events", query());
        check("DELETE /events", query());
        check("GET /events/{id}", row(Owned.EVENT));
        // The whole body of PUT /events/{id} becomes the event's data; it moves nothing.
        check("PUT /events/{id}", row(Owned.EVENT));
        check("DELETE /events/{id}", row(Owned.EVENT));
        check("GET /workflows/{id}/latest_event_timestamp", path());
        check("GET /workflows/{id}/events/stream", path());

        check("POST /failure_handlers", body());
        check("GET /failure_handlers/{id}", row(Owned.FAILURE_HANDLER));
        check("DELETE /failure_handlers/{id}", row(Owned.FAILURE_HANDLER));
        check("GET /workflows/{id}/failure_handlers", path());

        check("POST /workflows/{id}/remote_workers", path());
        check("GET /workflows/{id}/remote_workers", path());
        check("DELETE /workflows/{id}/remote_workers/{worker}", path());

        check("POST /workflows/{id}/actions", path(), body());
        check("GET /workflows/{id}/actions", path());
        check("GET /workflows/{id}/actions/pending", path());
        check("POST /workflows/{id}/actions/{action_id}/claim", path());

        String groups = "access groups: GroupAuthorization decides";
        open("POST /access_groups", groups);
        open("GET /access_groups", groups);
        open("GET /access_groups/{id}", groups);
        open("DELETE /access_groups/{id}", groups);
        open("POST /access_groups/{id}/members", groups);
        open("GET /access_groups/{id}/members", groups);
        open("DELETE /access_groups/{id}/members/{user_name}", groups);
        open("GET /users/{user_name}/groups", groups);
        String sharing = "sharing: the workflow's owner or the group's admin (GroupAuthorization)";
        open("POST /workflows/{id}/access_groups/{group_id}", sharing);
        open("POST /workflows/{id}/access_groups", sharing);
        open("DELETE /workflows/{id}/access_groups/{group_id}", sharing);
        check("GET /workflows/{id}/access_groups", path());
        open("GET /access_check/{workflow_id}/{user_name}", "answers the access rule itself");
    }
}
