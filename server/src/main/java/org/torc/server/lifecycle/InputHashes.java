package org.torc.server.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.torc.common.Json;
import org.torc.server.db.Sql;

/**
 * A fingerprint of everything a job's result depends on (command, invocation script, dependencies,
 * input/output files and user data, and the contents of its input user data). Stored at
 * initialization; {@code process_changed_job_inputs} re-runs the jobs whose fingerprint changed.
 */
final class InputHashes {
    private InputHashes() {
    }

    /** Job id → hex SHA-256 for every job of the workflow, computed with a handful of queries. */
    static Map<Long, String> compute(Sql sql, long workflowId) throws SQLException {
        Map<Long, String[]> jobs = new LinkedHashMap<>();
        sql.query("SELECT id, command, invocation_script FROM job WHERE workflow_id = ? ORDER BY id",
                rs -> jobs.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)}),
                workflowId);
        Map<Long, List<Long>> deps = group(sql, """
                SELECT job_id, depends_on_job_id FROM job_depends_on WHERE workflow_id = ?""",
                workflowId);
        Map<Long, List<Long>> inFiles = group(sql,
                "SELECT job_id, file_id FROM job_input_file WHERE workflow_id = ?", workflowId);
        Map<Long, List<Long>> outFiles = group(sql,
                "SELECT job_id, file_id FROM job_output_file WHERE workflow_id = ?", workflowId);
        Map<Long, List<Long>> inData = group(sql, """
                SELECT i.job_id, i.user_data_id FROM job_input_user_data i
                JOIN job j ON j.id = i.job_id WHERE j.workflow_id = ?""", workflowId);
        Map<Long, List<Long>> outData = group(sql, """
                SELECT o.job_id, o.user_data_id FROM job_output_user_data o
                JOIN job j ON j.id = o.job_id WHERE j.workflow_id = ?""", workflowId);
        Map<Long, String> dataContents = new HashMap<>();
        sql.query("SELECT id, data FROM user_data WHERE workflow_id = ?",
                rs -> dataContents.put(rs.getLong(1), rs.getString(2)), workflowId);

        MessageDigest digest = sha256();
        Map<Long, String> out = new HashMap<>();
        for (var e : jobs.entrySet()) {
            long id = e.getKey();
            // Keys in sorted order so the text, and so the hash, is stable.
            Map<String, Object> doc = new TreeMap<>();
            doc.put("command", e.getValue()[0]);
            doc.put("invocation_script", e.getValue()[1]);
            doc.put("depends_on_job_ids", deps.get(id));
            doc.put("input_file_ids", inFiles.get(id));
            doc.put("output_file_ids", outFiles.get(id));
            doc.put("input_user_data_ids", inData.get(id));
            doc.put("output_user_data_ids", outData.get(id));
            List<Map<String, Object>> contents = new ArrayList<>();
            for (Long ud : inData.getOrDefault(id, List.of())) {
                Map<String, Object> c = new TreeMap<>();
                c.put("id", ud);
                c.put("data", dataContents.get(ud));
                contents.add(c);
            }
            doc.put("input_user_data_contents", contents.isEmpty() ? null : contents);
            byte[] hash = digest.digest(Json.write(doc).getBytes(StandardCharsets.UTF_8));
            out.put(id, HexFormat.of().formatHex(hash));
        }
        return out;
    }

    private static Map<Long, List<Long>> group(Sql sql, String select, long workflowId)
            throws SQLException {
        Map<Long, List<Long>> out = new HashMap<>();
        sql.query(select + " ORDER BY 1, 2", rs -> out.computeIfAbsent(rs.getLong(1),
                k -> new ArrayList<>()).add(rs.getLong(2)), workflowId);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
