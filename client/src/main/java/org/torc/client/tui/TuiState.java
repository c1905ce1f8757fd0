package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.torc.client.api.TorcApi;

/**
 * Everything the screen shows. Only the UI thread reads or changes it; background threads send
 * changes through the {@link Inbox}.
 */
public final class TuiState {
    /** Which pane the arrows move in. */
    public enum Focus {
        WORKFLOWS, DETAILS
    }

    // connection
    TorcApi api;
    String password;
    final String user;
    String userFilterName;
    boolean allUsers;
    String serverVersion;
    String connectionError;

    // the workflow table
    List<JsonNode> workflows = List.of();
    int workflowSelected;
    int workflowTop;

    // the loaded workflow and its detail pane
    JsonNode loaded;
    Map<String, Long> counts = Map.of();
    Focus focus = Focus.WORKFLOWS;
    Tab tab = Tab.JOBS;
    final PagedTable jobs = new PagedTable(null);
    final PagedTable files = new PagedTable(null);
    final PagedTable results = new PagedTable(null);
    Filter jobsFilter;
    Filter filesFilter;
    Filter resultsFilter;
    EventLog events;
    DagView dag;

    // overlays
    Popup popup;
    Prompt prompt;
    StatusMessage status;

    boolean autoRefresh = true;
    RunnerProcess runner;
    ManagedServer server;
    boolean serverStarting;
    OutputBuffer serverOutput;
    boolean quit;
    boolean fullRedraw;

    TuiState(TorcApi api, String password, String user) {
        this.api = api;
        this.password = password;
        this.user = user;
        this.userFilterName = user;
    }

    public String url() {
        return api.baseUrl();
    }

    /** The user whose workflows are listed, or null for all users. */
    public String userFilter() {
        return allUsers ? null : userFilterName;
    }

    public Long loadedId() {
        return loaded == null ? null : loaded.path("id").asLong();
    }

    public String loadedName() {
        return loaded == null ? "" : loaded.path("name").asText();
    }

    public JsonNode selectedWorkflow() {
        return workflowSelected < workflows.size() ? workflows.get(workflowSelected) : null;
    }

    /** The paged table of a tab (Jobs, Files, Results), or null. */
    public PagedTable table(Tab t) {
        return switch (t) {
            case JOBS -> jobs;
            case FILES -> files;
            case RESULTS -> results;
            default -> null;
        };
    }

    public Filter filter(Tab t) {
        return switch (t) {
            case JOBS -> jobsFilter;
            case FILES -> filesFilter;
            case RESULTS -> resultsFilter;
            case EVENTS -> events == null ? null : events.filter();
            case DAG -> null;
        };
    }

    public void setStatus(StatusMessage m) {
        status = m;
    }

    /** Applies what a refresher pass read (ignored when the connection changed meanwhile). */
    void applyRefresh(RefreshResult r) {
        if (r.api() != api) {
            return;
        }
        if (r.connectionError() != null) {
            if (connectionError == null && !serverStarting) {
                status = StatusMessage.warning(
                        "No server connection. Press 'S' to start server or 'u' to change URL");
            }
            connectionError = r.connectionError();
            if (r.pageRequest() != null) {
                PagedTable t = table(r.pageRequest().tab());
                if (t != null) {
                    t.failed(r.pageRequest().generation());
                }
            }
            return;
        }
        if (connectionError != null && status != null
                && status.text().startsWith("No server connection")) {
            status = null;
        }
        connectionError = null;
        if (r.serverVersion() != null) {
            serverVersion = r.serverVersion();
        }
        if (r.workflows() != null) {
            setWorkflows(r.workflows());
        }
        if (r.counts() != null && r.countsWorkflowId().equals(loadedId())) {
            counts = r.counts();
        }
        if (r.pageRequest() != null) {
            PagedTable t = table(r.pageRequest().tab());
            if (t != null) {
                if (r.page() != null) {
                    t.accept(r.pageRequest().generation(), r.page());
                } else {
                    t.failed(r.pageRequest().generation());
                    if (r.pageError() != null) {
                        status = StatusMessage.error(r.pageError());
                    }
                }
            }
        }
    }

    /** New workflow rows; the same workflow stays selected when it is still there. */
    void setWorkflows(List<JsonNode> rows) {
        JsonNode sel = selectedWorkflow();
        long selectedId = sel == null ? -1 : sel.path("id").asLong();
        workflows = rows;
        workflowSelected = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).path("id").asLong() == selectedId) {
                workflowSelected = i;
                break;
            }
        }
        if (loaded != null) {
            for (JsonNode w : rows) {
                if (w.path("id").asLong() == loadedId()) {
                    loaded = w;
                }
            }
        }
    }
}
