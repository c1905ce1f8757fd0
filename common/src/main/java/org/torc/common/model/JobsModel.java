package org.torc.common.model;

import java.util.List;

/** A batch of jobs: the body of {@code POST /bulk_jobs} and its response. */
public record JobsModel(List<JobModel> jobs) {
}
