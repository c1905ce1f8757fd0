package org.torc.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.torc.common.JobStatus;

/** A job ({@code job_model}); relationship id lists are omitted when empty, as torc does. */
public record JobModel(
        Long id,
        Long workflowId,
        String name,
        String command,
        String invocationScript,
        JobStatus status,
        JsonNode scheduleComputeNodes,
        Boolean cancelOnBlockingJobFailure,
        Boolean supportsTermination,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> dependsOnJobIds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> inputFileIds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> outputFileIds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> inputUserDataIds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> outputUserDataIds,
        Long resourceRequirementsId,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long schedulerId,
        Long failureHandlerId,
        Long attemptId) {

    public static JobModel of(long workflowId, String name, String command) {
        return new JobModel(null, workflowId, name, command, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    public JobModel withStatus(JobStatus newStatus) {
        return new JobModel(id, workflowId, name, command, invocationScript, newStatus,
                scheduleComputeNodes, cancelOnBlockingJobFailure, supportsTermination, dependsOnJobIds,
                inputFileIds, outputFileIds, inputUserDataIds, outputUserDataIds,
                resourceRequirementsId, schedulerId, failureHandlerId, attemptId);
    }

    public JobModel withDependsOn(List<Long> ids) {
        return new JobModel(id, workflowId, name, command, invocationScript, status,
                scheduleComputeNodes, cancelOnBlockingJobFailure, supportsTermination, ids,
                inputFileIds, outputFileIds, inputUserDataIds, outputUserDataIds,
                resourceRequirementsId, schedulerId, failureHandlerId, attemptId);
    }
}
