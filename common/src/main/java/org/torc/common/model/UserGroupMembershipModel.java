package org.torc.common.model;

/** A user's membership in an access group; role is {@code member} or {@code admin}. */
public record UserGroupMembershipModel(Long id, String userName, Long groupId, String role,
        String createdAt) {
}
