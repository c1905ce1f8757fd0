package org.torc.client.spec.kdl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torc.client.spec.SpecException;
import org.torc.client.spec.parse.JsonReader;
import org.torc.client.spec.parse.SourcePos;
import org.torc.client.spec.parse.SpecNode;

/**
 * Maps a KDL document to the same structure a YAML or JSON spec has (torc's KDL mapping, §2.9 of
 * the client spec): top-level scalar nodes, {@code parameters { i "1:10" }} blocks, and repeated
 * {@code job}, {@code file}, {@code user_data}, {@code resource_requirements},
 * {@code failure_handler}, {@code slurm_scheduler} and {@code action} nodes whose list-valued
 * fields are written as one child node per item (singular names).
 *
 * <p>Deliberate differences from torc 0.10–0.12, which this port treats as bugs:
 * <ul>
 *   <li>{@code depends_on_job} is accepted as another name for {@code depends_on} (torc silently
 *       dropped it, losing the dependencies of several of its own examples);</li>
 *   <li>every argument of a list node is kept ({@code depends_on_regexes "a" "b"} gives two
 *       regexes; torc kept only the first);</li>
 *   <li>{@code input_files}/{@code output_files} are accepted as plural spellings of
 *       {@code input_file}/{@code output_file} (torc's zip example uses them; torc ignored them);</li>
 *   <li>the four file/user-data regex lists, {@code project} and {@code metadata} can be written in
 *       KDL too;</li>
 *   <li>unknown nodes, unexpected properties, missing or extra arguments and repeated single-valued
 *       nodes are errors naming the node, instead of being silently ignored (except inside
 *       {@code resource_monitor}, which torc reads leniently in every format).</li>
 * </ul>
 */
public final class KdlSpecMapper {
    private static final List<String> TOP_SCALARS = List.of("name", "user", "description", "project",
            "metadata", "compute_node_expiration_buffer_seconds", "compute_node_wait_for_new_jobs_seconds",
            "compute_node_ignore_workflow_completion", "compute_node_wait_for_healthy_database_minutes",
            "jobs_sort_method", "use_pending_failed");
    private static final List<String> TOP_BLOCKS = List.of("parameters", "job", "file", "user_data",
            "resource_requirements", "failure_handler", "slurm_scheduler", "action", "resource_monitor",
            "slurm_defaults");

    private static final List<String> JOB_SCALARS = List.of("command", "invocation_script",
            "cancel_on_blocking_job_failure", "supports_termination", "resource_requirements",
            "failure_handler", "scheduler", "parameter_mode");
    /** KDL child name → spec list field, for the list-valued job fields. */
    private static final Map<String, String> JOB_LISTS = orderedMap(
            "depends_on", "depends_on",
            "depends_on_job", "depends_on",
            "depends_on_regexes", "depends_on_regexes",
            "input_file", "input_files",
            "input_files", "input_files",
            "output_file", "output_files",
            "output_files", "output_files",
            "input_user_data", "input_user_data",
            "output_user_data", "output_user_data",
            "input_file_regexes", "input_file_regexes",
            "output_file_regexes", "output_file_regexes",
            "input_user_data_regexes", "input_user_data_regexes",
            "output_user_data_regexes", "output_user_data_regexes",
            "use_parameters", "use_parameters");

    private static final List<String> RR_SCALARS = List.of("num_cpus", "num_gpus", "num_nodes", "memory",
            "runtime");
    private static final List<String> SCHEDULER_SCALARS = List.of("account", "gres", "mem", "nodes",
            "ntasks_per_node", "partition", "qos", "tmp", "walltime", "extra");
    private static final List<String> ACTION_SCALARS = List.of("trigger_type", "action_type", "scheduler",
            "scheduler_type", "num_allocations", "start_one_worker_per_node", "max_parallel_jobs", "persistent");
    private static final Map<String, String> ACTION_LISTS = orderedMap(
            "job", "jobs",
            "jobs", "jobs",
            "job_name_regexes", "job_name_regexes",
            "command", "commands",
            "commands", "commands");
    private static final List<String> RULE_SCALARS = List.of("match_all_exit_codes", "recovery_script",
            "max_retries");
    private static final Set<String> MONITOR_KEYS = Set.of("enabled", "granularity",
            "sample_interval_seconds", "generate_plots");

    private KdlSpecMapper() {
    }

    /** Parses KDL text and maps it; errors name the file, line and column. */
    public static SpecNode read(String text, String source) {
        List<KdlNode> doc = KdlParser.parse(text, source);
        return map(doc, new SourcePos(source, 1, 1));
    }

    static SpecNode map(List<KdlNode> doc, SourcePos docPos) {
        Builder top = new Builder(docPos);
        List<SpecNode> jobs = new ArrayList<>();
        Map<String, List<SpecNode>> repeated = new LinkedHashMap<>();
        Map<String, SourcePos> repeatedPos = new LinkedHashMap<>();
        for (KdlNode n : doc) {
            String name = n.name();
            if (TOP_SCALARS.contains(name)) {
                top.putOnce(name, scalar(n, "spec"), n);
                continue;
            }
            switch (name) {
                case "parameters" -> top.putOnce("parameters", parameters(n), n);
                case "job" -> jobs.add(job(n));
                case "file" -> addRepeated(repeated, repeatedPos, "files", file(n), n);
                case "user_data" -> addRepeated(repeated, repeatedPos, "user_data", userData(n), n);
                case "resource_requirements" ->
                        addRepeated(repeated, repeatedPos, "resource_requirements", resourceRequirements(n), n);
                case "failure_handler" ->
                        addRepeated(repeated, repeatedPos, "failure_handlers", failureHandler(n), n);
                case "slurm_scheduler" ->
                        addRepeated(repeated, repeatedPos, "slurm_schedulers", slurmScheduler(n), n);
                case "action" -> addRepeated(repeated, repeatedPos, "actions", action(n), n);
                case "resource_monitor" -> top.putOnce("resource_monitor", resourceMonitor(n), n);
                case "slurm_defaults" -> top.putOnce("slurm_defaults", slurmDefaults(n), n);
                default -> throw unknown(n, "top-level node", concat(TOP_SCALARS, TOP_BLOCKS));
            }
        }
        top.put("jobs", new SpecNode.Arr(jobs, docPos), docPos);
        repeated.forEach((key, items) -> top.put(key, new SpecNode.Arr(items, repeatedPos.get(key)),
                repeatedPos.get(key)));
        return top.build();
    }

    private static void addRepeated(Map<String, List<SpecNode>> repeated, Map<String, SourcePos> pos,
            String key, SpecNode item, KdlNode n) {
        repeated.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
        pos.putIfAbsent(key, n.pos());
    }

    // ---------------------------------------------------------------- entities

    private static SpecNode job(KdlNode n) {
        String name = requiredName(n, "job");
        noProps(n, "job '" + name + "'");
        Builder b = new Builder(n.pos());
        b.put("name", new SpecNode.Str(name, n.args().get(0).pos()), n.pos());
        Lists lists = new Lists();
        for (KdlNode c : children(n)) {
            String what = "job '" + name + "'";
            if (JOB_SCALARS.contains(c.name())) {
                b.putOnce(c.name(), scalar(c, what), c);
            } else if (JOB_LISTS.containsKey(c.name())) {
                lists.add(JOB_LISTS.get(c.name()), c, what);
            } else if (c.name().equals("parameters")) {
                b.putOnce("parameters", parameters(c), c);
            } else {
                throw unknown(c, "child of " + what, concat(JOB_SCALARS,
                        concat(new ArrayList<>(JOB_LISTS.keySet()), List.of("parameters"))));
            }
        }
        lists.putInto(b);
        return b.build();
    }

    private static SpecNode file(KdlNode n) {
        String name = requiredName(n, "file");
        String what = "file '" + name + "'";
        Builder b = new Builder(n.pos());
        b.put("name", new SpecNode.Str(name, n.args().get(0).pos()), n.pos());
        for (Map.Entry<String, KdlValue> p : n.props().entrySet()) {
            if (!p.getKey().equals("path")) {
                throw new SpecException(n.propPos().get(p.getKey()) + ": " + what + ": unexpected property '"
                        + p.getKey() + "' (only path=\"...\" is allowed)");
            }
            b.put("path", convert(p.getValue()), n.propPos().get("path"));
        }
        Lists lists = new Lists();
        for (KdlNode c : children(n)) {
            switch (c.name()) {
                case "path", "parameter_mode" -> b.putOnce(c.name(), scalar(c, what), c);
                case "parameters" -> b.putOnce("parameters", parameters(c), c);
                case "use_parameters" -> lists.add("use_parameters", c, what);
                default -> throw unknown(c, "child of " + what,
                        List.of("path", "parameters", "parameter_mode", "use_parameters"));
            }
        }
        lists.putInto(b);
        if (!b.has("path")) {
            throw new SpecException(n.pos() + ": " + what + " has no path (write file \"" + name
                    + "\" path=\"...\")");
        }
        return b.build();
    }

    private static SpecNode userData(KdlNode n) {
        if (n.args().size() > 1) {
            throw new SpecException(n.pos() + ": user_data takes at most one argument, its name");
        }
        String name = null;
        Builder b = new Builder(n.pos());
        if (n.args().size() == 1) {
            KdlValue v = n.args().get(0);
            if (!v.isString()) {
                throw new SpecException(v.pos() + ": the name of a user_data node must be a string, not "
                        + v.describe());
            }
            name = (String) v.value();
            b.put("name", new SpecNode.Str(name, v.pos()), n.pos());
        }
        String what = name == null ? "user_data" : "user_data '" + name + "'";
        noProps(n, what);
        for (KdlNode c : children(n)) {
            switch (c.name()) {
                case "is_ephemeral" -> b.putOnce("is_ephemeral", scalar(c, what), c);
                case "data" -> {
                    KdlValue v = single(c, what);
                    if (!v.isString()) {
                        throw new SpecException(v.pos() + ": " + what
                                + ": data must be a string holding JSON, e.g. data \"{\\\"a\\\": 1}\"");
                    }
                    SpecNode data;
                    try {
                        data = JsonReader.read((String) v.value(), v.pos().toString() + " (data)");
                    } catch (SpecException e) {
                        throw new SpecException(what + ": data is not valid JSON: " + e.getMessage());
                    }
                    b.putOnce("data", relocate(data, v.pos()), c);
                }
                default -> throw unknown(c, "child of " + what, List.of("is_ephemeral", "data"));
            }
        }
        if (!b.has("data")) {
            throw new SpecException(n.pos() + ": " + what + " has no data (write data \"<json>\" in its block)");
        }
        return b.build();
    }

    private static SpecNode resourceRequirements(KdlNode n) {
        String name = requiredName(n, "resource_requirements");
        String what = "resource_requirements '" + name + "'";
        noProps(n, what);
        Builder b = new Builder(n.pos());
        b.put("name", new SpecNode.Str(name, n.args().get(0).pos()), n.pos());
        for (KdlNode c : children(n)) {
            if (!RR_SCALARS.contains(c.name())) {
                throw unknown(c, "child of " + what, RR_SCALARS);
            }
            b.putOnce(c.name(), scalar(c, what), c);
        }
        return b.build();
    }

    private static SpecNode slurmScheduler(KdlNode n) {
        if (n.args().size() > 1) {
            throw new SpecException(n.pos() + ": slurm_scheduler takes at most one argument, its name");
        }
        Builder b = new Builder(n.pos());
        String what = "slurm_scheduler";
        if (n.args().size() == 1) {
            KdlValue v = n.args().get(0);
            if (!v.isString()) {
                throw new SpecException(v.pos() + ": the name of a slurm_scheduler must be a string, not "
                        + v.describe());
            }
            what = "slurm_scheduler '" + v.value() + "'";
            b.put("name", new SpecNode.Str((String) v.value(), v.pos()), n.pos());
        }
        noProps(n, what);
        for (KdlNode c : children(n)) {
            if (!SCHEDULER_SCALARS.contains(c.name())) {
                throw unknown(c, "child of " + what, SCHEDULER_SCALARS);
            }
            b.putOnce(c.name(), scalar(c, what), c);
        }
        return b.build();
    }

    private static SpecNode failureHandler(KdlNode n) {
        String name = requiredName(n, "failure_handler");
        String what = "failure_handler '" + name + "'";
        noProps(n, what);
        Builder b = new Builder(n.pos());
        b.put("name", new SpecNode.Str(name, n.args().get(0).pos()), n.pos());
        List<SpecNode> rules = new ArrayList<>();
        for (KdlNode c : children(n)) {
            if (!c.name().equals("rule")) {
                throw unknown(c, "child of " + what, List.of("rule"));
            }
            if (!c.args().isEmpty()) {
                throw new SpecException(c.pos() + ": " + what + ": rule takes no arguments; put its settings"
                        + " in a block");
            }
            noProps(c, "rule of " + what);
            Builder r = new Builder(c.pos());
            Lists lists = new Lists();
            for (KdlNode rc : children(c)) {
                if (rc.name().equals("exit_codes")) {
                    lists.add("exit_codes", rc, "rule of " + what);
                } else if (RULE_SCALARS.contains(rc.name())) {
                    r.putOnce(rc.name(), scalar(rc, "rule of " + what), rc);
                } else {
                    throw unknown(rc, "child of a rule of " + what, concat(List.of("exit_codes"), RULE_SCALARS));
                }
            }
            lists.putInto(r);
            rules.add(r.build());
        }
        b.put("rules", new SpecNode.Arr(rules, n.pos()), n.pos());
        return b.build();
    }

    private static SpecNode action(KdlNode n) {
        if (!n.args().isEmpty()) {
            throw new SpecException(n.pos() + ": action takes no arguments; put its settings in a block");
        }
        noProps(n, "action");
        Builder b = new Builder(n.pos());
        Lists lists = new Lists();
        for (KdlNode c : children(n)) {
            if (ACTION_SCALARS.contains(c.name())) {
                b.putOnce(c.name(), scalar(c, "action"), c);
            } else if (ACTION_LISTS.containsKey(c.name())) {
                lists.add(ACTION_LISTS.get(c.name()), c, "action");
            } else {
                throw unknown(c, "child of action", concat(ACTION_SCALARS, new ArrayList<>(ACTION_LISTS.keySet())));
            }
        }
        lists.putInto(b);
        return b.build();
    }

    private static SpecNode resourceMonitor(KdlNode n) {
        noArgs(n, "resource_monitor");
        noProps(n, "resource_monitor");
        Builder b = new Builder(n.pos());
        for (KdlNode c : children(n)) {
            if (MONITOR_KEYS.contains(c.name())) {
                b.putOnce(c.name(), scalar(c, "resource_monitor"), c);
            }
        }
        return b.build();
    }

    private static SpecNode slurmDefaults(KdlNode n) {
        noArgs(n, "slurm_defaults");
        noProps(n, "slurm_defaults");
        Builder b = new Builder(n.pos());
        for (KdlNode c : children(n)) {
            b.putOnce(c.name(), scalar(c, "slurm_defaults"), c);
        }
        return b.build();
    }

    private static SpecNode parameters(KdlNode n) {
        noArgs(n, "parameters");
        noProps(n, "parameters");
        Builder b = new Builder(n.pos());
        for (KdlNode c : children(n)) {
            KdlValue v = single(c, "parameters");
            if (!v.isString()) {
                throw new SpecException(v.pos() + ": Parameter '" + c.name() + "' must have a string value"
                        + " (write " + c.name() + " \"...\"), not " + v.describe());
            }
            b.putOnce(c.name(), convert(v), c);
        }
        return b.build();
    }

    // ---------------------------------------------------------------- helpers

    private static String requiredName(KdlNode n, String kind) {
        if (n.args().size() != 1 || !n.args().get(0).isString()) {
            throw new SpecException(n.pos() + ": " + kind + " must have exactly one argument, its name"
                    + " (write " + kind + " \"name\" { ... })");
        }
        return (String) n.args().get(0).value();
    }

    private static List<KdlNode> children(KdlNode n) {
        return n.children() == null ? List.of() : n.children();
    }

    private static SpecNode scalar(KdlNode n, String what) {
        return convert(single(n, what));
    }

    private static KdlValue single(KdlNode n, String what) {
        noProps(n, what + ": " + n.name());
        if (n.children() != null) {
            throw new SpecException(n.pos() + ": " + what + ": '" + n.name() + "' takes a value, not a block");
        }
        if (n.args().size() != 1) {
            throw new SpecException(n.pos() + ": " + what + ": '" + n.name() + "' takes exactly one value, got "
                    + n.args().size());
        }
        return n.args().get(0);
    }

    private static void noProps(KdlNode n, String what) {
        if (!n.props().isEmpty()) {
            String key = n.props().keySet().iterator().next();
            throw new SpecException(n.propPos().get(key) + ": " + what + ": unexpected property '" + key + "'");
        }
    }

    private static void noArgs(KdlNode n, String what) {
        if (!n.args().isEmpty()) {
            throw new SpecException(n.pos() + ": " + what + " takes no arguments, only a block");
        }
    }

    private static SpecException unknown(KdlNode n, String role, List<String> allowed) {
        String hint = n.name().equals("depends_on_regex") ? " (did you mean depends_on_regexes?)" : "";
        return new SpecException(n.pos() + ": unknown " + role + " '" + n.name() + "'" + hint
                + "; expected one of: " + String.join(", ", allowed));
    }

    static SpecNode convert(KdlValue v) {
        Object o = v.value();
        if (o == null) {
            return new SpecNode.Null(v.pos());
        }
        if (o instanceof String s) {
            return new SpecNode.Str(s, v.pos());
        }
        if (o instanceof BigInteger bi) {
            return new SpecNode.Int(bi, v.pos());
        }
        if (o instanceof BigDecimal bd) {
            return new SpecNode.Flt(bd.doubleValue(), v.pos());
        }
        if (o instanceof Double d) {
            return new SpecNode.Flt(d, v.pos());
        }
        return new SpecNode.Bool((Boolean) o, v.pos());
    }

    /** Gives a tree parsed from an embedded string the position of the string in the KDL file. */
    private static SpecNode relocate(SpecNode n, SourcePos pos) {
        return SpecNode.fromJson(n.toJson(), pos);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put(kv[k], kv[k + 1]);
        }
        return m;
    }

    /** Builds an object node, refusing a second value for a single-valued key. */
    private static final class Builder {
        private final Map<String, SpecNode> fields = new LinkedHashMap<>();
        private final Map<String, SourcePos> keys = new LinkedHashMap<>();
        private final SourcePos pos;

        Builder(SourcePos pos) {
            this.pos = pos;
        }

        void put(String key, SpecNode value, SourcePos keyPos) {
            fields.put(key, value);
            keys.put(key, keyPos);
        }

        void putOnce(String key, SpecNode value, KdlNode from) {
            if (fields.containsKey(key)) {
                throw new SpecException(from.pos() + ": '" + from.name() + "' is given more than once (first at "
                        + keys.get(key) + ")");
            }
            put(key, value, from.pos());
        }

        boolean has(String key) {
            return fields.containsKey(key);
        }

        SpecNode.Obj build() {
            return new SpecNode.Obj(fields, keys, pos);
        }
    }

    /** Collects list-valued fields written as repeated child nodes, each with one or more arguments. */
    private static final class Lists {
        private final Map<String, List<SpecNode>> items = new LinkedHashMap<>();
        private final Map<String, SourcePos> first = new LinkedHashMap<>();

        void add(String field, KdlNode c, String what) {
            noProps(c, what + ": " + c.name());
            if (c.children() != null) {
                throw new SpecException(c.pos() + ": " + what + ": '" + c.name() + "' takes values, not a block");
            }
            if (c.args().isEmpty()) {
                throw new SpecException(c.pos() + ": " + what + ": '" + c.name() + "' needs at least one value");
            }
            List<SpecNode> list = items.computeIfAbsent(field, k -> new ArrayList<>());
            first.putIfAbsent(field, c.pos());
            for (KdlValue v : c.args()) {
                list.add(convert(v));
            }
        }

        void putInto(Builder b) {
            items.forEach((field, list) -> b.put(field, new SpecNode.Arr(list, first.get(field)), first.get(field)));
        }
    }
}
