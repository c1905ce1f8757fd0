package org.torc.common.model;

/** A file a job needs or produces ({@code file_model}); {@code st_mtime} is epoch seconds. */
public record FileModel(Long id, Long workflowId, String name, String path, Double stMtime) {
}
