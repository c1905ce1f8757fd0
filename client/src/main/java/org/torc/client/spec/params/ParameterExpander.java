package org.torc.client.spec.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.torc.client.spec.model.FileSpec;
import org.torc.client.spec.model.JobSpec;
import org.torc.client.spec.model.WorkflowSpec;

/**
 * Expands parameterized jobs and files (torc's {@code expand_parameters}).
 *
 * <p>Effective parameters of a job or file: its own {@code parameters} if it has any (they replace
 * the workflow's entirely); else the workflow parameters named in {@code use_parameters}
 * (unknown names are ignored; if none match, the item is not parameterized); else none.
 *
 * <p>Order is deterministic (torc iterates a hash map, so its order is not): parameters are taken
 * in the order they are written — the item's own {@code parameters} in document order, inherited
 * ones in {@code use_parameters} order. In product mode the first parameter varies slowest, like
 * nested loops written in that order; zip mode pairs values by position. Expanded items keep the
 * position of the item they come from.
 *
 * <p>The number of jobs (and of files) is computed before anything is built, and expansion is
 * refused above {@code maxItems}.
 */
public final class ParameterExpander {
    /** The default ceiling on expanded jobs (and, separately, files). */
    public static final long DEFAULT_MAX_ITEMS = 1_000_000;

    /**
     * The result: the spec with jobs and files expanded, or — when {@code errors} is not empty — the
     * spec as given.
     */
    public record Expansion(WorkflowSpec spec, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private ParameterExpander() {
    }

    public static Expansion expand(WorkflowSpec spec, long maxItems) {
        List<String> errors = new ArrayList<>();
        List<Plan> jobPlans = new ArrayList<>();
        for (JobSpec job : spec.jobs()) {
            jobPlans.add(plan("job", job.name(), job.parameters(), job.useParameters(), job.parameterMode(),
                    spec.parameters(), maxItems, errors));
        }
        List<Plan> filePlans = new ArrayList<>();
        List<FileSpec> files = spec.files() == null ? List.of() : spec.files();
        for (FileSpec file : files) {
            filePlans.add(plan("file", file.name(), file.parameters(), file.useParameters(),
                    file.parameterMode(), spec.parameters(), maxItems, errors));
        }
        if (errors.isEmpty()) {
            checkTotal("jobs", "job", spec.jobs().stream().map(JobSpec::name).toList(), jobPlans, maxItems, errors);
            checkTotal("files", "file", files.stream().map(FileSpec::name).toList(), filePlans, maxItems, errors);
        }
        if (!errors.isEmpty()) {
            return new Expansion(spec, List.copyOf(errors));
        }
        List<JobSpec> jobs = new ArrayList<>();
        for (int k = 0; k < spec.jobs().size(); k++) {
            JobSpec job = spec.jobs().get(k);
            generate(jobPlans.get(k), job, jobs, (j, f) -> j.substituted(f::apply),
                    j -> j.withParameters(null));
        }
        List<FileSpec> expandedFiles = null;
        if (spec.files() != null) {
            expandedFiles = new ArrayList<>();
            for (int k = 0; k < files.size(); k++) {
                generate(filePlans.get(k), files.get(k), expandedFiles, (fs, f) -> fs.substituted(f::apply),
                        fs -> fs.withParameters(null));
            }
            expandedFiles = Collections.unmodifiableList(expandedFiles);
        }
        return new Expansion(spec.withJobsAndFiles(Collections.unmodifiableList(jobs), expandedFiles), List.of());
    }

    /**
     * How many jobs (or files) one item expands to, without building them; 1 for an item without
     * parameters. Saturates at {@link Long#MAX_VALUE}.
     *
     * @throws IllegalArgumentException with torc's message for a malformed parameter
     */
    public static long count(Map<String, String> effective, String mode, long maxItems) {
        if (effective == null) {
            return 1;
        }
        return combinations(parseAll(effective, maxItems), mode);
    }

    /** torc's {@code resolve_parameters}, with inherited parameters in {@code use_parameters} order. */
    public static Map<String, String> effectiveParameters(Map<String, String> local, List<String> use,
            Map<String, String> workflow) {
        if (local != null) {
            return local;
        }
        if (use == null || workflow == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : use) {
            String v = workflow.get(name);
            if (v != null) {
                out.put(name, v);
            }
        }
        return out.isEmpty() ? null : out;
    }

    // ----------------------------------------------------------------

    /** What one item expands to: its parameters parsed, and how many combinations they make. */
    private record Plan(List<String> names, List<ParameterValues> values, boolean zip, long count) {
        static final Plan NONE = new Plan(List.of(), List.of(), false, 1);
    }

    private static Plan plan(String kind, String name, Map<String, String> local, List<String> use,
            String mode, Map<String, String> workflow, long maxItems, List<String> errors) {
        Map<String, String> effective = effectiveParameters(local, use, workflow);
        if (effective == null) {
            return Plan.NONE;
        }
        try {
            Map<String, ParameterValues> parsed = parseAll(effective, maxItems);
            long count = combinations(parsed, mode);
            return new Plan(List.copyOf(parsed.keySet()), List.copyOf(parsed.values()), "zip".equals(mode), count);
        } catch (IllegalArgumentException e) {
            errors.add("Failed to expand " + kind + " '" + name + "': " + e.getMessage());
            return Plan.NONE;
        }
    }

    private static Map<String, ParameterValues> parseAll(Map<String, String> effective, long maxItems) {
        Map<String, ParameterValues> parsed = new LinkedHashMap<>();
        effective.forEach((n, v) -> parsed.put(n, ParameterValues.parse(v, maxItems)));
        return parsed;
    }

    private static long combinations(Map<String, ParameterValues> parsed, String mode) {
        if (parsed.isEmpty()) {
            return 1;
        }
        if ("zip".equals(mode)) {
            String firstName = null;
            long firstSize = 0;
            for (Map.Entry<String, ParameterValues> e : parsed.entrySet()) {
                if (firstName == null) {
                    firstName = e.getKey();
                    firstSize = e.getValue().size();
                } else if (e.getValue().size() != firstSize) {
                    throw new IllegalArgumentException("All parameters must have the same number of values when"
                            + " using 'zip' mode. Parameter '" + firstName + "' has " + firstSize
                            + " values, but '" + e.getKey() + "' has " + e.getValue().size() + " values.");
                }
            }
            return firstSize;
        }
        long product = 1;
        for (ParameterValues v : parsed.values()) {
            if (v.size() == 0) {
                return 0;
            }
            product = saturatingMultiply(product, v.size());
        }
        return product;
    }

    private static void checkTotal(String plural, String kind, List<String> names, List<Plan> plans, long maxItems,
            List<String> errors) {
        long total = 0;
        int largest = -1;
        for (int k = 0; k < plans.size(); k++) {
            long c = plans.get(k).count();
            total = total > Long.MAX_VALUE - c ? Long.MAX_VALUE : total + c;
            if (largest < 0 || c > plans.get(largest).count()) {
                largest = k;
            }
        }
        if (total > maxItems) {
            errors.add("Parameter expansion would create " + describe(total) + " " + plural + ", more than the"
                    + " limit of " + maxItems + " (" + kind + " '" + names.get(largest) + "' alone expands to "
                    + describe(plans.get(largest).count()) + ")");
        }
    }

    private static String describe(long n) {
        return n == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(n);
    }

    private static <T> void generate(Plan plan, T item, List<T> out,
            BiFunction<T, java.util.function.Function<String, String>, T> substitute,
            java.util.function.UnaryOperator<T> plain) {
        if (plan == Plan.NONE) {
            out.add(plain.apply(item));
            return;
        }
        int n = plan.names().size();
        for (long c = 0; c < plan.count(); c++) {
            List<ParameterValue> combo = new ArrayList<>(n);
            if (plan.zip()) {
                for (ParameterValues v : plan.values()) {
                    combo.add(v.get(c));
                }
            } else {
                ParameterValue[] picked = new ParameterValue[n];
                long rest = c;
                for (int p = n - 1; p >= 0; p--) {
                    ParameterValues v = plan.values().get(p);
                    picked[p] = v.get(rest % v.size());
                    rest /= v.size();
                }
                Collections.addAll(combo, picked);
            }
            List<String> names = plan.names();
            out.add(substitute.apply(item, s -> Templates.substitute(s, names, combo)));
        }
    }

    private static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi != 0 || lo < 0) {
            return Long.MAX_VALUE;
        }
        return lo;
    }
}
