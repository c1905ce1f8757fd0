package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.torc.client.api.TorcApi;

/**
 * What one refresher pass read: the workflow list, the loaded workflow's status counts and one
 * page of the visible table (each null when not read in this pass), or why the server could not
 * be reached.
 */
public record RefreshResult(TorcApi api, List<JsonNode> workflows, Long countsWorkflowId,
        Map<String, Long> counts, ViewRequest.PageRequest pageRequest, PageSource.Page page,
        String pageError, String serverVersion, String connectionError) {
}
