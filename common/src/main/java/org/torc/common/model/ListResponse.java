package org.torc.common.model;

import java.util.List;

/**
 * The page envelope every torc list endpoint returns:
 * {@code {items, offset, max_limit, count, total_count, has_more}}.
 */
public record ListResponse<T>(List<T> items, long offset, long maxLimit, long count, long totalCount,
        boolean hasMore) {

    public static final long MAX_LIMIT = 10_000;

    public static <T> ListResponse<T> of(List<T> items, long offset, long totalCount) {
        return new ListResponse<>(items, offset, MAX_LIMIT, items.size(), totalCount,
                offset + items.size() < totalCount);
    }
}
