package org.torc.client.spec.resolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.torc.client.spec.model.FileSpec;
import org.torc.client.spec.model.JobSpec;
import org.torc.client.spec.model.UserDataSpec;
import org.torc.client.spec.model.WorkflowSpec;

/**
 * torc's {@code substitute_variables}, run after parameter expansion. In a job's command and
 * invocation script, {@code ${files.input.NAME}} and {@code ${files.output.NAME}} become the
 * file's path and {@code ${user_data.input.NAME}}/{@code ${user_data.output.NAME}} the compact JSON
 * of its data (object keys sorted, as serde_json prints them); the names found are recorded as the
 * job's inputs/outputs. Unknown names are left as written. Only named user data that has data is
 * considered.
 *
 * <p>torc's quirk is kept: names found in the command <em>replace</em> the job's explicit list of
 * the same kind (only when at least one was found), while names found in the invocation script are
 * <em>merged</em> into it, sorted and without duplicates. Names are looked for in the order the
 * files and user data are declared (torc's order is a hash map's).
 */
public final class VariableSubstitution {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VariableSubstitution() {
    }

    public static WorkflowSpec apply(WorkflowSpec spec) {
        Map<String, String> paths = new LinkedHashMap<>();
        if (spec.files() != null) {
            for (FileSpec f : spec.files()) {
                paths.put(f.name(), f.path());
            }
        }
        Map<String, String> data = new LinkedHashMap<>();
        if (spec.userData() != null) {
            for (UserDataSpec u : spec.userData()) {
                if (u.name() != null && u.data() != null) {
                    data.put(u.name(), compactJson(u.data()));
                }
            }
        }
        if (paths.isEmpty() && data.isEmpty()) {
            return spec;
        }
        List<JobSpec> jobs = new ArrayList<>(spec.jobs().size());
        for (JobSpec job : spec.jobs()) {
            jobs.add(substitute(job, paths, data));
        }
        return spec.withJobsAndFiles(Collections.unmodifiableList(jobs), spec.files());
    }

    private static JobSpec substitute(JobSpec job, Map<String, String> paths, Map<String, String> data) {
        if (!mayContainVariables(job.command()) && !mayContainVariables(job.invocationScript())) {
            return job;
        }
        Extracted c = extract(job.command(), paths, data);
        List<String> inFiles = c.inFiles.isEmpty() ? job.inputFiles() : c.inFiles;
        List<String> outFiles = c.outFiles.isEmpty() ? job.outputFiles() : c.outFiles;
        List<String> inData = c.inData.isEmpty() ? job.inputUserData() : c.inData;
        List<String> outData = c.outData.isEmpty() ? job.outputUserData() : c.outData;
        String script = job.invocationScript();
        if (script != null) {
            Extracted s = extract(script, paths, data);
            script = s.text;
            inFiles = merge(inFiles, s.inFiles);
            outFiles = merge(outFiles, s.outFiles);
            inData = merge(inData, s.inData);
            outData = merge(outData, s.outData);
        }
        return job.withVariables(c.text, script, inFiles, outFiles, inData, outData);
    }

    private static boolean mayContainVariables(String s) {
        return s != null && s.contains("${");
    }

    private record Extracted(String text, List<String> inFiles, List<String> outFiles, List<String> inData,
            List<String> outData) {
    }

    private static Extracted extract(String input, Map<String, String> paths, Map<String, String> data) {
        String[] text = {input};
        List<String> inFiles = replaceAll(text, "${files.input.", paths);
        List<String> outFiles = replaceAll(text, "${files.output.", paths);
        List<String> inData = replaceAll(text, "${user_data.input.", data);
        List<String> outData = replaceAll(text, "${user_data.output.", data);
        return new Extracted(text[0], inFiles, outFiles, inData, outData);
    }

    private static List<String> replaceAll(String[] text, String prefix, Map<String, String> values) {
        List<String> found = new ArrayList<>();
        if (!text[0].contains(prefix)) {
            return found;
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            String placeholder = prefix + e.getKey() + "}";
            if (text[0].contains(placeholder)) {
                text[0] = text[0].replace(placeholder, e.getValue());
                found.add(e.getKey());
            }
        }
        return found;
    }

    private static List<String> merge(List<String> existing, List<String> more) {
        if (more.isEmpty()) {
            return existing;
        }
        TreeSet<String> all = new TreeSet<>(more);
        if (existing != null) {
            all.addAll(existing);
        }
        return List.copyOf(all);
    }

    /** Compact JSON with object keys sorted, the way serde_json writes a {@code Value}. */
    static String compactJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            for (String n : names) {
                out.set(n, sorted(node.get(n)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(i -> out.add(sorted(i)));
            return out;
        }
        return node;
    }
}
