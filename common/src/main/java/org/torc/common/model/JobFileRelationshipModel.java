package org.torc.common.model;

/** A file with one of its producer/consumer pairs; either side may be absent. */
public record JobFileRelationshipModel(Long fileId, String fileName, String filePath,
        Long producerJobId, String producerJobName, Long consumerJobId, String consumerJobName,
        Long workflowId) {
}
