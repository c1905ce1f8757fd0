package org.torc.common.model;

/** A team that can share workflows. */
public record AccessGroupModel(Long id, String name, String description, String createdAt) {
}
