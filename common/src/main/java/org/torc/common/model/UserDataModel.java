package org.torc.common.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A named piece of JSON passed between jobs ({@code user_data_model}). */
public record UserDataModel(Long id, Long workflowId, Boolean isEphemeral, String name, JsonNode data) {
}
