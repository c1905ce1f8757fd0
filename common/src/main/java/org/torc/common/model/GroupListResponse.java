package org.torc.common.model;

import java.util.List;

/**
 * The page envelope of torc's access-group lists (groups, a group's members, a user's groups, a
 * workflow's groups): {@code {items, offset, limit, total_count, has_more}}, without the
 * {@code count} and {@code max_limit} of {@link ListResponse}.
 */
public record GroupListResponse<T>(List<T> items, long offset, long limit, long totalCount,
        boolean hasMore) {

    /** Re-wraps a page fetched with the usual envelope; {@code limit} is the limit that was applied. */
    public static <T> GroupListResponse<T> of(ListResponse<T> page, long limit) {
        return new GroupListResponse<>(page.items(), page.offset(), limit, page.totalCount(),
                page.hasMore());
    }
}
