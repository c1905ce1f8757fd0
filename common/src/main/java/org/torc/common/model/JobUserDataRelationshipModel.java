package org.torc.common.model;

/** A user-data record with one of its producer/consumer pairs; either side may be absent. */
public record JobUserDataRelationshipModel(Long userDataId, String userDataName, Long producerJobId,
        String producerJobName, Long consumerJobId, String consumerJobName, Long workflowId) {
}
