package org.torc.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A job's status. Stored as an integer in the database and sent as the lower-case name on the
 * wire, exactly as torc does.
 */
public enum JobStatus {
    UNINITIALIZED(0),
    BLOCKED(1),
    READY(2),
    PENDING(3),
    RUNNING(4),
    COMPLETED(5),
    FAILED(6),
    CANCELED(7),
    TERMINATED(8),
    DISABLED(9),
    PENDING_FAILED(10);

    private final int code;

    JobStatus(int code) {
        this.code = code;
    }

    /** The integer stored in the {@code job.status} and {@code result.status} columns. */
    public int code() {
        return code;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Statuses {@code complete_job} accepts. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED || this == TERMINATED
                || this == PENDING_FAILED;
    }

    /** Statuses that count as done: they release (or cancel) the job's dependents. */
    public boolean isComplete() {
        return this == COMPLETED || this == FAILED || this == CANCELED || this == TERMINATED;
    }

    /** Done without success: dependents with cancel_on_blocking_job_failure are canceled. */
    public boolean isFailure() {
        return this == FAILED || this == CANCELED || this == TERMINATED;
    }

    public static JobStatus fromCode(int code) {
        for (JobStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown job status code: " + code);
    }

    /** Parses the wire name (case-insensitive); throws with the allowed names when unknown. */
    @JsonCreator
    public static JobStatus fromWire(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (JobStatus s : values()) {
                if (s.wireName().equals(n)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("Invalid job status '" + name + "'; expected one of "
                + allowedNames());
    }

    public static String allowedNames() {
        StringBuilder sb = new StringBuilder();
        for (JobStatus s : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(s.wireName());
        }
        return sb.toString();
    }
}
