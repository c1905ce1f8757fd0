package org.torc.common.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A persisted event; the server sets {@code timestamp} (epoch milliseconds). */
public record EventModel(Long id, Long workflowId, Long timestamp, JsonNode data) {
}
