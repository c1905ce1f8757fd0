package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.torc.client.api.ApiError;
import org.torc.client.api.ServerUnreachable;
import org.torc.client.api.TorcApi;

/**
 * The background thread that does the TUI's reading, so the UI thread never waits on HTTP.
 * With auto-refresh on it reads, at most once a second, the workflow list, the loaded workflow's
 * per-status counts and the page of the visible table (never a whole job list); in between it
 * fetches a page at once when the user scrolls to rows that are not loaded, and does a full pass
 * when asked ({@code r}, Enter, after an action).
 */
public final class Refresher implements AutoCloseable {
    public static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int MAX_WORKFLOWS = 1000;

    private final Supplier<ViewRequest> request;
    private final Inbox inbox;
    private final Thread thread;
    private final AtomicBoolean pageWanted = new AtomicBoolean();
    private final AtomicBoolean allWanted = new AtomicBoolean(true);
    private volatile boolean closed;
    private volatile long passes;
    private TorcApi versionFor;

    public Refresher(Supplier<ViewRequest> request, Inbox inbox) {
        this.request = request;
        this.inbox = inbox;
        this.thread = new Thread(this::loop, "tui-refresher");
        this.thread.setDaemon(true);
    }

    public Refresher start() {
        thread.start();
        return this;
    }

    /** Fetch the visible page now (the user scrolled to rows that are not loaded). */
    public void wantPage() {
        pageWanted.set(true);
        LockSupport.unpark(thread);
    }

    /** Do a full pass now. */
    public void wantAll() {
        allWanted.set(true);
        LockSupport.unpark(thread);
    }

    /** How many full passes ran (tests check the once-a-second limit with it). */
    public long passes() {
        return passes;
    }

    private void loop() {
        long nextPeriodic = System.nanoTime();
        while (!closed) {
            ViewRequest req = request.get();
            long now = System.nanoTime();
            boolean periodic = req != null && req.autoRefresh() && now - nextPeriodic >= 0;
            boolean all = allWanted.getAndSet(false) || periodic;
            boolean page = pageWanted.getAndSet(false) || all;
            if (req == null || (!all && !page)) {
                long wait = req != null && req.autoRefresh() ? Math.max(1, nextPeriodic - now)
                        : PERIOD_NANOS;
                LockSupport.parkNanos(this, wait);
                continue;
            }
            if (all) {
                passes++;
                nextPeriodic = now + PERIOD_NANOS;
            }
            RefreshResult result = read(req, all);
            inbox.post(s -> s.applyRefresh(result));
        }
    }

    RefreshResult read(ViewRequest req, boolean all) {
        TorcApi api = req.api();
        List<JsonNode> workflows = null;
        Map<String, Long> counts = null;
        PageSource.Page page = null;
        String pageError = null;
        String version = null;
        try {
            if (all) {
                if (versionFor != api) {
                    version = api.get("/version").asText("");
                    versionFor = api;
                }
                Map<String, Object> q = new LinkedHashMap<>();
                if (req.userFilter() != null) {
                    q.put("user", req.userFilter());
                }
                q.put("limit", MAX_WORKFLOWS);
                workflows = new ArrayList<>();
                api.get("/workflows" + TorcApi.queryString(q)).path("items")
                        .forEach(workflows::add);
                if (req.workflowId() != null) {
                    counts = JobCounts.fetch(api, req.workflowId());
                }
            }
            ViewRequest.PageRequest pr = req.page();
            if (pr != null) {
                try {
                    page = pr.source().fetch(api, pr.window().offset(), pr.window().limit());
                } catch (ApiError e) {
                    pageError = e.getMessage();
                }
            }
            return new RefreshResult(api, workflows, req.workflowId(), counts, pr, page,
                    pageError, version, null);
        } catch (ServerUnreachable e) {
            return new RefreshResult(api, null, null, null, req.page(), null, null, null,
                    e.getMessage());
        } catch (ApiError e) {
            return new RefreshResult(api, workflows, req.workflowId(), counts, req.page(), null,
                    e.getMessage(), version, null);
        } catch (RuntimeException e) {
            return new RefreshResult(api, null, null, null, req.page(), null, null, null,
                    String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
