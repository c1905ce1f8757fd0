package org.torc.server.schedulers;

import org.torc.server.http.ApiException;

/** Checks of request fields shared by the scheduler resources; each failure is a 422 naming the field. */
final class Fields {
    private Fields() {
    }

    static void required(Object value, String field) {
        if (value == null) {
            throw ApiException.unprocessable(field + " is required");
        }
    }

    static void requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.unprocessable(field + " is required and cannot be empty");
        }
    }

    /** A present value must not be blank; absence is fine. */
    static void notBlank(String value, String field) {
        if (value != null && value.isBlank()) {
            throw ApiException.unprocessable(field + " cannot be empty");
        }
    }

    /** A present value must be at least {@code min}; absence is fine. */
    static void atLeast(Long value, long min, String field) {
        if (value != null && value < min) {
            throw ApiException.unprocessable(field + " must be at least " + min + ", got " + value);
        }
    }

    /**
     * An update may repeat the record's workflow_id (clients send whole models) but not move the
     * record to another workflow.
     */
    static void sameWorkflow(Long requested, long current) {
        if (requested != null && requested != current) {
            throw ApiException.unprocessable("workflow_id cannot be changed (record belongs to workflow "
                    + current + ")");
        }
    }
}
