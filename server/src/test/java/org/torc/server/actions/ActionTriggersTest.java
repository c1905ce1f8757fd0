package org.torc.server.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.common.JobStatus;
import org.torc.server.db.Database;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.TestServer;

/** {@link ActionTriggers} run inside write transactions against a real database. */
class ActionTriggersTest {
    static TestServer server;
    static ApiClient api;
    static Database db;
    static final ActionTriggers triggers = new ActionTriggers();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        db = server.server().database();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long action(long workflowId, ObjectNode body) {
        return api.post("/workflows/" + workflowId + "/actions", body).expect(200).id();
    }

    private static long action(long workflowId, String trigger, long... jobIds) {
        ObjectNode body = WorkflowActionApiTest.runCommands(trigger, "echo");
        if (jobIds.length > 0) {
            WorkflowActionApiTest.withJobs(body, jobIds);
        }
        return action(workflowId, body);
    }

    private static long count(long actionId) {
        return Rows.count(db, "SELECT trigger_count FROM workflow_action WHERE id = ?", actionId);
    }

    private static List<Long> trigger(long workflowId, String type, List<Long> jobIds) {
        return db.write(tx -> triggers.trigger(tx, workflowId, type, jobIds));
    }

    @Test
    void a_workflow_trigger_counts_once_and_never_past_required() {
        long wf = api.createWorkflow("trg-workflow");
        long start = action(wf, "on_workflow_start");
        long complete = action(wf, "on_workflow_complete");
        assertEquals(List.of(start), trigger(wf, ActionTriggers.ON_WORKFLOW_START, null));
        assertEquals(1, count(start));
        assertEquals(0, count(complete), "other trigger types are untouched");
        assertEquals(List.of(), trigger(wf, ActionTriggers.ON_WORKFLOW_START, null));
        assertEquals(1, count(start));
    }

    @Test
    void job_ids_add_the_number_of_the_actions_jobs_among_them() {
        long wf = api.createWorkflow("trg-overlap");
        long j1 = Rows.job(db, wf, JobStatus.RUNNING);
        long j2 = Rows.job(db, wf, JobStatus.RUNNING);
        long j3 = Rows.job(db, wf, JobStatus.RUNNING);
        long unrelated = Rows.job(db, wf, JobStatus.RUNNING);
        long a = action(wf, "on_jobs_complete", j1, j2, j3);

        assertEquals(List.of(), trigger(wf, ActionTriggers.ON_JOBS_COMPLETE, List.of(unrelated)));
        assertEquals(0, count(a), "no overlap, no change");
        assertEquals(List.of(), trigger(wf, ActionTriggers.ON_JOBS_COMPLETE,
                List.of(j1, unrelated, j1)));
        assertEquals(1, count(a), "each of the action's jobs counts once");
        assertEquals(List.of(a), trigger(wf, ActionTriggers.ON_JOBS_COMPLETE, List.of(j2, j3)));
        assertEquals(3, count(a));
        trigger(wf, ActionTriggers.ON_JOBS_COMPLETE, List.of(j1, j2, j3));
        assertEquals(3, count(a), "capped at required_triggers");
    }

    @Test
    void without_job_ids_on_jobs_ready_waits_until_every_job_is_ready_or_done() {
        long wf = api.createWorkflow("trg-ready");
        long j1 = Rows.job(db, wf, JobStatus.READY);
        long j2 = Rows.job(db, wf, JobStatus.BLOCKED);
        long a = action(wf, "on_jobs_ready", j1, j2);
        trigger(wf, ActionTriggers.ON_JOBS_READY, null);
        assertEquals(0, count(a), "one job is still blocked");
        for (JobStatus s : List.of(JobStatus.PENDING, JobStatus.RUNNING, JobStatus.DISABLED,
                JobStatus.PENDING_FAILED, JobStatus.UNINITIALIZED)) {
            Rows.setStatus(db, j2, s);
            trigger(wf, ActionTriggers.ON_JOBS_READY, null);
            assertEquals(0, count(a), s + " does not satisfy on_jobs_ready");
        }
        Rows.setStatus(db, j2, JobStatus.COMPLETED);
        assertEquals(List.of(a), trigger(wf, ActionTriggers.ON_JOBS_READY, null));
        assertEquals(2, count(a));
    }

    @Test
    void without_job_ids_on_jobs_complete_needs_every_job_finished() {
        long wf = api.createWorkflow("trg-complete");
        long j1 = Rows.job(db, wf, JobStatus.FAILED);
        long j2 = Rows.job(db, wf, JobStatus.CANCELED);
        long j3 = Rows.job(db, wf, JobStatus.READY);
        long a = action(wf, "on_jobs_complete", j1, j2, j3);
        trigger(wf, ActionTriggers.ON_JOBS_COMPLETE, null);
        assertEquals(0, count(a), "ready is not complete");
        Rows.setStatus(db, j3, JobStatus.TERMINATED);
        trigger(wf, ActionTriggers.ON_JOBS_COMPLETE, null);
        assertEquals(3, count(a));
    }

    @Test
    void a_partly_counted_action_is_topped_up_to_required_not_beyond() {
        long wf = api.createWorkflow("trg-cap");
        long j1 = Rows.job(db, wf, JobStatus.COMPLETED);
        long j2 = Rows.job(db, wf, JobStatus.COMPLETED);
        long a = action(wf, "on_jobs_complete", j1, j2);
        trigger(wf, ActionTriggers.ON_JOBS_COMPLETE, List.of(j1));
        assertEquals(1, count(a));
        assertEquals(List.of(a), trigger(wf, ActionTriggers.ON_JOBS_COMPLETE, null));
        assertEquals(2, count(a));
    }

    @Test
    void triggers_stay_within_their_workflow() {
        long wf = api.createWorkflow("trg-scope");
        long other = api.createWorkflow("trg-scope-other");
        long mine = action(wf, "on_workflow_start");
        long theirs = action(other, "on_workflow_start");
        trigger(wf, ActionTriggers.ON_WORKFLOW_START, null);
        assertEquals(1, count(mine));
        assertEquals(0, count(theirs));
    }

    @Test
    void an_unknown_trigger_type_is_a_programming_error() {
        long wf = api.createWorkflow("trg-unknown");
        assertThrows(IllegalArgumentException.class,
                () -> trigger(wf, "on_job_complete", null));
    }

    @Test
    void counts_roll_back_with_the_callers_transaction() {
        long wf = api.createWorkflow("trg-rollback");
        long a = action(wf, "on_workflow_start");
        assertThrows(IllegalStateException.class, () -> db.write(tx -> {
            triggers.trigger(tx, wf, ActionTriggers.ON_WORKFLOW_START, null);
            throw new IllegalStateException("the job update after it failed");
        }));
        assertEquals(0, count(a));
    }

    @Test
    void reset_deletes_recovery_actions_and_recounts_from_job_states() {
        long wf = api.createWorkflow("trg-reset");
        long node = Rows.computeNode(db, wf);
        long done = Rows.job(db, wf, JobStatus.COMPLETED);
        long ready = Rows.job(db, wf, JobStatus.READY);
        long blocked = Rows.job(db, wf, JobStatus.BLOCKED);
        long onReady = action(wf, "on_jobs_ready", done, ready, blocked);
        long onComplete = action(wf, "on_jobs_complete", done, ready, blocked);
        long onStart = action(wf, "on_workflow_start");
        long recovery = action(wf, WorkflowActionApiTest.runCommands("on_workflow_start", "x")
                .put("is_recovery", true));
        db.write(tx -> tx.update("""
                UPDATE workflow_action SET trigger_count = required_triggers, executed = 1,
                    executed_by = ?, executed_at = '2025-01-01T00:00:00.000Z'
                WHERE workflow_id = ?""", node, wf));

        db.write(tx -> {
            triggers.resetForReinitialize(tx, wf);
            return null;
        });

        assertEquals(0, Rows.count(db, "SELECT COUNT(*) FROM workflow_action WHERE id = ?",
                recovery));
        assertEquals(2, count(onReady), "completed and ready jobs count towards on_jobs_ready");
        assertEquals(1, count(onComplete), "only the completed job counts towards on_jobs_complete");
        assertEquals(0, count(onStart));
        assertEquals(0, Rows.count(db, """
                SELECT COUNT(*) FROM workflow_action
                WHERE workflow_id = ? AND (executed != 0 OR executed_by IS NOT NULL
                    OR executed_at IS NOT NULL)""", wf));
    }

    @Test
    void initialize_makes_start_worker_and_satisfied_ready_actions_pending() {
        long wf = api.createWorkflow("trg-init");
        long j1 = Rows.job(db, wf, JobStatus.READY);
        long j2 = Rows.job(db, wf, JobStatus.READY);
        long j3 = Rows.job(db, wf, JobStatus.BLOCKED);
        long start = action(wf, "on_workflow_start");
        long workerStart = action(wf, WorkflowActionApiTest.runCommands("on_worker_start", "x")
                .put("persistent", true));
        long workerDone = action(wf, "on_worker_complete");
        long allReady = action(wf, "on_jobs_ready", j1, j2);
        long notYet = action(wf, "on_jobs_ready", j1, j3);
        long finished = action(wf, "on_jobs_complete", j1);
        long workflowDone = action(wf, "on_workflow_complete");

        db.write(tx -> {
            triggers.onInitialize(tx, wf);
            return null;
        });

        List<Long> pending = new java.util.ArrayList<>();
        api.get("/workflows/" + wf + "/actions/pending").expect(200).json()
                .forEach(a -> pending.add(a.get("id").asLong()));
        assertEquals(List.of(start, workerStart, workerDone, allReady), pending);
        assertEquals(1, count(notYet), "the ready job already counts");
        assertEquals(0, count(finished));
        assertEquals(0, count(workflowDone));

        db.write(tx -> {
            triggers.onInitialize(tx, wf);
            return null;
        });
        assertEquals(1, count(start), "a second initialize starts the counts over");
        assertEquals(2, count(allReady), "recounted, still pending");
    }
}
