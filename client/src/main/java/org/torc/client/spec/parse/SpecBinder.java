package org.torc.client.spec.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.client.spec.SpecException;
import org.torc.client.spec.model.FailureHandlerRuleSpec;
import org.torc.client.spec.model.FailureHandlerSpec;
import org.torc.client.spec.model.FileSpec;
import org.torc.client.spec.model.JobSpec;
import org.torc.client.spec.model.ResourceMonitorConfig;
import org.torc.client.spec.model.ResourceRequirementsSpec;
import org.torc.client.spec.model.SlurmSchedulerSpec;
import org.torc.client.spec.model.UserDataSpec;
import org.torc.client.spec.model.WorkflowActionSpec;
import org.torc.client.spec.model.WorkflowSpec;

/**
 * Binds a {@link SpecNode} document to the spec model with torc's (serde's) rules: unknown keys are
 * an error naming the key and the allowed ones, required keys must be present, optional keys may be
 * null, and values must have the right type (no coercion: {@code memory: 100} or
 * {@code i: 5} in {@code parameters} are errors, as in torc).
 */
public final class SpecBinder {
    private SpecBinder() {
    }

    /** @throws SpecException with the position and path of the first problem */
    public static WorkflowSpec bind(SpecNode root) {
        Fields f = Fields.of(root, "", "the workflow spec", WorkflowSpec.FIELDS);
        String name = f.requiredString("name");
        String jobsSortMethod = f.optionalString("jobs_sort_method");
        if (jobsSortMethod != null && !WorkflowSpec.JOBS_SORT_METHODS.contains(jobsSortMethod)) {
            throw f.error("jobs_sort_method", "unknown variant '" + jobsSortMethod + "', expected one of "
                    + quoteAll(WorkflowSpec.JOBS_SORT_METHODS));
        }
        List<JobSpec> jobs = f.requiredList("jobs", SpecBinder::job);
        return new WorkflowSpec(
                name,
                f.optionalString("user"),
                f.optionalString("description"),
                f.optionalStringMap("parameters", true),
                f.optionalLong("compute_node_expiration_buffer_seconds"),
                f.optionalLong("compute_node_wait_for_new_jobs_seconds"),
                f.optionalBoolean("compute_node_ignore_workflow_completion"),
                f.optionalLong("compute_node_wait_for_healthy_database_minutes"),
                jobsSortMethod,
                jobs,
                f.optionalList("files", SpecBinder::file),
                f.optionalList("user_data", SpecBinder::userData),
                f.optionalList("resource_requirements", SpecBinder::resourceRequirements),
                f.optionalList("failure_handlers", SpecBinder::failureHandler),
                f.optionalList("slurm_schedulers", SpecBinder::slurmScheduler),
                f.optionalJsonMap("slurm_defaults"),
                f.optional("resource_monitor", SpecBinder::resourceMonitor),
                f.optionalList("actions", SpecBinder::action),
                f.optionalBoolean("use_pending_failed"),
                f.optionalString("project"),
                f.optionalString("metadata"));
    }

    private static JobSpec job(SpecNode node, String path) {
        Fields f = Fields.of(node, path, "job", JobSpec.FIELDS);
        return new JobSpec(
                f.requiredString("name"),
                f.requiredString("command"),
                f.optionalString("invocation_script"),
                f.optionalBoolean("cancel_on_blocking_job_failure"),
                f.optionalBoolean("supports_termination"),
                f.optionalString("resource_requirements"),
                f.optionalString("failure_handler"),
                f.optionalStringList("depends_on"),
                f.optionalStringList("depends_on_regexes"),
                f.optionalStringList("input_files"),
                f.optionalStringList("input_file_regexes"),
                f.optionalStringList("output_files"),
                f.optionalStringList("output_file_regexes"),
                f.optionalStringList("input_user_data"),
                f.optionalStringList("input_user_data_regexes"),
                f.optionalStringList("output_user_data"),
                f.optionalStringList("output_user_data_regexes"),
                f.optionalString("scheduler"),
                f.optionalStringMap("parameters", true),
                f.optionalString("parameter_mode"),
                f.optionalStringList("use_parameters"));
    }

    private static FileSpec file(SpecNode node, String path) {
        Fields f = Fields.of(node, path, "file", FileSpec.FIELDS);
        return new FileSpec(f.requiredString("name"), f.requiredString("path"),
                f.optionalStringMap("parameters", true), f.optionalString("parameter_mode"),
                f.optionalStringList("use_parameters"));
    }

    private static UserDataSpec userData(SpecNode node, String path) {
        Fields f = Fields.of(node, path, "user_data", UserDataSpec.FIELDS);
        SpecNode data = f.get("data");
        JsonNode json = data == null || data instanceof SpecNode.Null ? null : data.toJson();
        return new UserDataSpec(f.optionalBoolean("is_ephemeral"), f.optionalString("name"), json);
    }

    private static ResourceRequirementsSpec resourceRequirements(SpecNode node, String path) {
        Fields f = Fields.of(node, path, "resource_requirements", ResourceRequirementsSpec.FIELDS);
        return new ResourceRequirementsSpec(
                f.requiredString("name"),
                f.requiredLong("num_cpus"),
                f.defaultedLong("num_gpus", ResourceRequirementsSpec.DEFAULT_NUM_GPUS),
                f.defaultedLong("num_nodes", ResourceRequirementsSpec.DEFAULT_NUM_NODES),
                f.requiredString("memory"),
                f.defaultedString("runtime", ResourceRequirementsSpec.DEFAULT_RUNTIME));
    }

    private static FailureHandlerSpec failureHandler(SpecNode node, String path) {
        Fields f = Fields.of(node, path, "failure_handler", FailureHandlerSpec.FIELDS);
        return new FailureHandlerSpec(f.requiredString("name"), f.requiredList("rules", SpecBinder::rule));
    }

    private static FailureHandlerRuleSpec rule(SpecNode node, String path) {
        Fields f = Fields.of(node, path, "failure handler rule", FailureHandlerRuleSpec.FIELDS);
        List<Integer> codes = f.has("exit_codes")
                ? f.requiredList("exit_codes", (n, p) -> Fields.toInt(n, p)) : List.of();
        return new FailureHandlerRuleSpec(codes,
                f.has("match_all_exit_codes") && f.requiredBoolean("match_all_exit_codes"),
                f.optionalString("recovery_script"),
                f.has("max_retries") ? f.requiredInt("max_retries") : FailureHandlerRuleSpec.DEFAULT_MAX_RETRIES);
    }

    private static SlurmSchedulerSpec slurmScheduler(SpecNode node, String path) {
        Fields f = Fields.of(node, path, "slurm_scheduler", SlurmSchedulerSpec.FIELDS);
        return new SlurmSchedulerSpec(
                f.optionalString("name"),
                f.requiredString("account"),
                f.optionalString("gres"),
                f.optionalString("mem"),
                f.defaultedLong("nodes", SlurmSchedulerSpec.DEFAULT_NODES),
                f.optionalLong("ntasks_per_node"),
                f.optionalString("partition"),
                f.optionalString("qos"),
                f.optionalString("tmp"),
                f.defaultedString("walltime", SlurmSchedulerSpec.DEFAULT_WALLTIME),
                f.optionalString("extra"));
    }

    private static WorkflowActionSpec action(SpecNode node, String path) {
        Fields f = Fields.of(node, path, "action", WorkflowActionSpec.FIELDS);
        return new WorkflowActionSpec(
                f.requiredString("trigger_type"),
                f.requiredString("action_type"),
                f.optionalStringList("jobs"),
                f.optionalStringList("job_name_regexes"),
                f.optionalStringList("commands"),
                f.optionalString("scheduler"),
                f.optionalString("scheduler_type"),
                f.optionalLong("num_allocations"),
                f.optionalBoolean("start_one_worker_per_node"),
                f.has("max_parallel_jobs") && !(f.get("max_parallel_jobs") instanceof SpecNode.Null)
                        ? f.requiredInt("max_parallel_jobs") : null,
                f.optionalBoolean("persistent"));
    }

    /** Lenient, like torc: missing keys take defaults, unknown keys are ignored. */
    private static ResourceMonitorConfig resourceMonitor(SpecNode node, String path) {
        Fields f = Fields.lenient(node, path, "resource_monitor");
        ResourceMonitorConfig d = ResourceMonitorConfig.defaults();
        String granularity = f.defaultedString("granularity", d.granularity());
        if (!ResourceMonitorConfig.GRANULARITIES.contains(granularity)) {
            throw f.error("granularity", "unknown variant '" + granularity + "', expected one of "
                    + quoteAll(ResourceMonitorConfig.GRANULARITIES));
        }
        return new ResourceMonitorConfig(
                f.has("enabled") ? f.requiredBoolean("enabled") : d.enabled(),
                granularity,
                f.has("sample_interval_seconds") ? f.requiredInt("sample_interval_seconds")
                        : d.sampleIntervalSeconds(),
                f.has("generate_plots") ? f.requiredBoolean("generate_plots") : d.generatePlots());
    }

    static String quoteAll(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < names.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append('\'').append(names.get(k)).append('\'');
        }
        return sb.toString();
    }

    /** Reads the keys of one mapping, with serde's strictness. */
    private static final class Fields {
        private final SpecNode.Obj obj;
        private final String path;

        private Fields(SpecNode.Obj obj, String path) {
            this.obj = obj;
            this.path = path;
        }

        static Fields of(SpecNode node, String path, String what, List<String> allowed) {
            Fields f = lenient(node, path, what);
            for (String key : f.obj.fields().keySet()) {
                if (!allowed.contains(key)) {
                    throw new SpecException(f.obj.keyPos(key) + ": " + prefix(path) + "unknown field '" + key
                            + "' in " + what + ", expected one of: " + String.join(", ", allowed));
                }
            }
            return f;
        }

        static Fields lenient(SpecNode node, String path, String what) {
            if (!(node instanceof SpecNode.Obj o)) {
                throw new SpecException(node.pos() + ": " + prefix(path) + "invalid type: " + node.describe()
                        + ", expected a map (the " + what + ")");
            }
            return new Fields(o, path);
        }

        boolean has(String key) {
            return obj.fields().containsKey(key);
        }

        SpecNode get(String key) {
            return obj.fields().get(key);
        }

        private String child(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        SpecException error(String key, String message) {
            SpecNode v = get(key);
            SourcePos pos = v != null ? v.pos() : obj.pos();
            return new SpecException(pos + ": " + prefix(child(key)) + message);
        }

        private SpecNode required(String key) {
            SpecNode v = get(key);
            if (v == null) {
                throw new SpecException(obj.pos() + ": " + prefix(path) + "missing field '" + key + "'");
            }
            return v;
        }

        private SpecNode optional(String key) {
            SpecNode v = get(key);
            return v == null || v instanceof SpecNode.Null ? null : v;
        }

        String requiredString(String key) {
            return toStr(required(key), child(key));
        }

        String optionalString(String key) {
            SpecNode v = optional(key);
            return v == null ? null : toStr(v, child(key));
        }

        String defaultedString(String key, String dflt) {
            return has(key) ? requiredString(key) : dflt;
        }

        long requiredLong(String key) {
            return toLong(required(key), child(key));
        }

        Long optionalLong(String key) {
            SpecNode v = optional(key);
            return v == null ? null : toLong(v, child(key));
        }

        long defaultedLong(String key, long dflt) {
            return has(key) ? requiredLong(key) : dflt;
        }

        int requiredInt(String key) {
            return toInt(required(key), child(key));
        }

        boolean requiredBoolean(String key) {
            return toBool(required(key), child(key));
        }

        Boolean optionalBoolean(String key) {
            SpecNode v = optional(key);
            return v == null ? null : toBool(v, child(key));
        }

        <T> T optional(String key, ItemBinder<T> binder) {
            SpecNode v = optional(key);
            return v == null ? null : binder.bind(v, child(key));
        }

        <T> List<T> requiredList(String key, ItemBinder<T> binder) {
            return toList(required(key), child(key), binder);
        }

        <T> List<T> optionalList(String key, ItemBinder<T> binder) {
            SpecNode v = optional(key);
            return v == null ? null : toList(v, child(key), binder);
        }

        List<String> optionalStringList(String key) {
            return optionalList(key, Fields::toStr);
        }

        Map<String, String> optionalStringMap(String key, boolean parameters) {
            SpecNode v = optional(key);
            if (v == null) {
                return null;
            }
            SpecNode.Obj o = toObj(v, child(key));
            Map<String, String> out = new LinkedHashMap<>();
            o.fields().forEach((k, val) -> {
                if (!(val instanceof SpecNode.Str s)) {
                    String hint = parameters ? " (parameter values must be strings: quote them, e.g. \"1:10\" or"
                            + " \"[1,2,3]\")" : "";
                    throw new SpecException(val.pos() + ": " + prefix(child(key) + "." + k) + "invalid type: "
                            + val.describe() + ", expected a string" + hint);
                }
                out.put(k, s.value());
            });
            return Collections.unmodifiableMap(out);
        }

        Map<String, JsonNode> optionalJsonMap(String key) {
            SpecNode v = optional(key);
            if (v == null) {
                return null;
            }
            SpecNode.Obj o = toObj(v, child(key));
            Map<String, JsonNode> out = new LinkedHashMap<>();
            o.fields().forEach((k, val) -> out.put(k, val.toJson()));
            return Collections.unmodifiableMap(out);
        }

        private static SpecNode.Obj toObj(SpecNode v, String path) {
            if (!(v instanceof SpecNode.Obj o)) {
                throw typeError(v, path, "a map");
            }
            return o;
        }

        static String toStr(SpecNode v, String path) {
            if (!(v instanceof SpecNode.Str s)) {
                throw typeError(v, path, "a string");
            }
            return s.value();
        }

        static long toLong(SpecNode v, String path) {
            if (!(v instanceof SpecNode.Int i)) {
                throw typeError(v, path, "an integer (i64)");
            }
            BigInteger b = i.value();
            if (b.bitLength() >= 64) {
                throw new SpecException(v.pos() + ": " + prefix(path) + "invalid value: " + v.describe()
                        + ", expected i64");
            }
            return b.longValue();
        }

        static int toInt(SpecNode v, String path) {
            long l = toLong(v, path);
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw new SpecException(v.pos() + ": " + prefix(path) + "invalid value: " + v.describe()
                        + ", expected i32");
            }
            return (int) l;
        }

        static boolean toBool(SpecNode v, String path) {
            if (!(v instanceof SpecNode.Bool b)) {
                throw typeError(v, path, "a boolean");
            }
            return b.value();
        }

        static <T> List<T> toList(SpecNode v, String path, ItemBinder<T> binder) {
            if (!(v instanceof SpecNode.Arr a)) {
                throw typeError(v, path, "a sequence");
            }
            List<T> out = new ArrayList<>(a.items().size());
            for (int k = 0; k < a.items().size(); k++) {
                out.add(binder.bind(a.items().get(k), path + "[" + k + "]"));
            }
            return Collections.unmodifiableList(out);
        }

        private static SpecException typeError(SpecNode v, String path, String expected) {
            return new SpecException(v.pos() + ": " + prefix(path) + "invalid type: " + v.describe()
                    + ", expected " + expected);
        }

        private static String prefix(String path) {
            return path.isEmpty() ? "" : path + ": ";
        }
    }

    @FunctionalInterface
    private interface ItemBinder<T> {
        T bind(SpecNode node, String path);
    }
}
