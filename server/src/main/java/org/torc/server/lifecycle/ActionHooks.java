package org.torc.server.lifecycle;

import java.sql.SQLException;
import java.util.List;
import org.torc.server.db.Tx;

/** The workflow-action triggers the lifecycle fires, inside its own write transaction. */
public interface ActionHooks {
    /** After initialize_jobs: reset actions for the new run, then fire start/worker/ready triggers. */
    void onInitialize(Tx tx, long workflowId) throws SQLException;

    void onJobsReady(Tx tx, long workflowId, List<Long> jobIds) throws SQLException;

    void onJobsComplete(Tx tx, long workflowId, List<Long> jobIds) throws SQLException;

    void onWorkflowComplete(Tx tx, long workflowId) throws SQLException;

    ActionHooks NONE = new ActionHooks() {
        @Override
        public void onInitialize(Tx tx, long workflowId) {
        }

        @Override
        public void onJobsReady(Tx tx, long workflowId, List<Long> jobIds) {
        }

        @Override
        public void onJobsComplete(Tx tx, long workflowId, List<Long> jobIds) {
        }

        @Override
        public void onWorkflowComplete(Tx tx, long workflowId) {
        }
    };
}
