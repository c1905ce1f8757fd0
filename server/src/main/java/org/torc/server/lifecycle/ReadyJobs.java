package org.torc.server.lifecycle;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Tells waiting claimers that a workflow changed in a way that may give them work: jobs became
 * ready, or the workflow finished or was canceled. Each workflow has a generation number; a claimer
 * remembers the generation it saw before claiming and waits for it to move.
 */
public final class ReadyJobs {
    private final Map<Long, Long> generations = new HashMap<>();

    public synchronized long generation(long workflowId) {
        return generations.getOrDefault(workflowId, 0L);
    }

    public synchronized void signal(Collection<Long> workflowIds) {
        for (Long id : workflowIds) {
            generations.merge(id, 1L, Long::sum);
        }
        notifyAll();
    }

    public void signal(long workflowId) {
        signal(java.util.List.of(workflowId));
    }

    /** Waits until the workflow's generation differs from {@code seen}, or the timeout passes. */
    public synchronized boolean awaitChange(long workflowId, long seen, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (generation(workflowId) == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Forgets a deleted workflow. */
    public synchronized void forget(long workflowId) {
        generations.remove(workflowId);
    }
}
