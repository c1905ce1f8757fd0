package org.torc.client.spec.model;

import java.util.List;

/** One rule of a failure handler; defaults: no exit codes, not match-all, 3 retries. */
public record FailureHandlerRuleSpec(List<Integer> exitCodes, boolean matchAllExitCodes, String recoveryScript,
        int maxRetries) {
    public static final List<String> FIELDS =
            List.of("exit_codes", "match_all_exit_codes", "recovery_script", "max_retries");
    public static final int DEFAULT_MAX_RETRIES = 3;
}
