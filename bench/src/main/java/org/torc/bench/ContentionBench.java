package org.torc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.torc.client.api.TorcApi;
import org.torc.client.report.StageTransitions;
import org.torc.common.Json;

/**
 * The seed scenario with 1 and 4 workers, repeated, against the floor measured in the same run:
 * the same 5005 commands with the same .o/.e files spawned by {@code xargs -P <workers>} stage by
 * stage.
 */
final class ContentionBench implements BenchMain.Bench {
    private static final String SPEC = "tests/workflows/database_contention_test/workflow.yaml";

    @Override
    public Map<String, Object> run(Path root, Map<String, String> opts) throws Exception {
        int runs = Integer.parseInt(opts.getOrDefault("runs", "3"));
        List<Integer> workerCounts = new ArrayList<>();
        for (String w : opts.getOrDefault("workers", "1,4").split(",")) {
            workerCounts.add(Integer.parseInt(w.trim()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        System.out.printf("%-8s %4s %9s %8s %9s %7s %11s %11s %8s %9s%n", "workers", "run", "ours_s",
                "jobs/s", "floor_s", "ratio", "trans_med", "trans_max", "locks", "rss_MB");
        for (int workers : workerCounts) {
            List<Double> ours = new ArrayList<>();
            List<Double> floors = new ArrayList<>();
            List<Double> transitions = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            long locks = 0;
            for (int r = 1; r <= runs; r++) {
                Path dir = Files.createTempDirectory("torc-bench-contention");
                Map<String, Object> one = runOnce(root, dir, workers);
                @SuppressWarnings("unchecked")
                List<List<String[]>> levels = (List<List<String[]>>) one.remove("levels");
                double floor = floor(dir, levels, workers);
                double secs = (double) one.get("seconds");
                ours.add(secs);
                floors.add(floor);
                @SuppressWarnings("unchecked")
                List<Double> t = (List<Double>) one.get("transitions_ms");
                transitions.addAll(t);
                rss.add((double) one.get("server_peak_rss_mb"));
                locks += (long) one.get("lock_retries");
                one.put("floor_seconds", floor);
                one.put("ratio", secs / floor);
                one.put("workers", workers);
                one.put("run", r);
                rows.add(one);
                System.out.printf("%-8d %4d %9.2f %8.0f %9.2f %7.2f %9.1fms %9.1fms %8d %9.0f%n",
                        workers, r, secs, 5005 / secs, floor, secs / floor,
                        Results.median(t), Results.max(t), (long) one.get("lock_retries"),
                        (double) one.get("server_peak_rss_mb"));
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("median_seconds", Results.median(ours));
            summary.put("jobs_per_second", 5005 / Results.median(ours));
            summary.put("median_floor_seconds", Results.median(floors));
            summary.put("ratio_ours_to_floor", Results.median(ours) / Results.median(floors));
            summary.put("transition_median_ms", Results.median(transitions));
            summary.put("transition_max_ms", Results.max(transitions));
            summary.put("lock_retries", locks);
            summary.put("server_peak_rss_mb", Results.max(rss));
            out.put("workers_" + workers, summary);
            System.out.printf("=> %d worker(s): median %.2f s (%.0f jobs/s), floor %.2f s, ratio %.2f,"
                    + " transitions median %.1f ms / max %.1f ms, lock retries %d, peak RSS %.0f MB%n",
                    workers, Results.median(ours), 5005 / Results.median(ours),
                    Results.median(floors), Results.median(ours) / Results.median(floors),
                    Results.median(transitions), Results.max(transitions), locks, Results.max(rss));
        }
        out.put("runs", rows);
        return out;
    }

    private Map<String, Object> runOnce(Path root, Path dir, int workers) throws Exception {
        try (Server server = Server.start(root, dir)) {
            TorcApi api = server.api();
            JsonNode created = Json.parse(cli(root, dir, server.url(), "-f", "json", "workflows",
                    "create", root.resolve(SPEC).toString()));
            long wf = created.path("workflow_id").asLong();
            long start = System.nanoTime();
            List<Process> procs = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                List<String> cmd = new ArrayList<>(List.of(Server.java()));
                cmd.addAll(Server.javaOptions("TORC_JAVA_OPTS"));
                cmd.addAll(List.of("-jar", root.resolve("client/target/torc.jar").toString(),
                        "--url", server.url(), "workflows", "run", Long.toString(wf), "-o", "output"));
                procs.add(new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectOutput(dir.resolve("worker" + i + ".out").toFile())
                        .redirectError(dir.resolve("worker" + i + ".err").toFile()).start());
            }
            for (Process p : procs) {
                if (!p.waitFor(1800, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("a worker failed; see " + dir);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<Long, String> names = new HashMap<>();
            Map<Long, String> commands = new HashMap<>();
            for (JsonNode j : api.listAll("/jobs", Map.of("workflow_id", wf), Long.MAX_VALUE)) {
                names.put(j.path("id").asLong(), j.path("name").asText());
                commands.put(j.path("id").asLong(), j.path("command").asText());
            }
            List<JsonNode> results = api.listAll("/results", Map.of("workflow_id", wf),
                    Long.MAX_VALUE);
            if (results.size() != 5005) {
                throw new IllegalStateException("expected 5005 results, got " + results.size());
            }
            StageTransitions transitions = new StageTransitions(names, results, 5);
            JsonNode metrics = api.get("/metrics");
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("workflow_id", wf);
            one.put("seconds", seconds);
            one.put("transitions_ms", transitions.allMs());
            one.put("lock_retries", metrics.path("lock_retries").asLong());
            one.put("unblock_passes", metrics.path("unblock_passes").asLong());
            one.put("write_transactions", metrics.path("write_transactions").asLong());
            one.put("server_peak_rss_mb", server.peakRssMb());
            one.put("server_error_lines", server.errorLines());
            one.put("levels", levels(names, commands));
            return one;
        }
    }

    /** The jobs grouped stage by stage in execution order: {name, command} pairs. */
    private static List<List<String[]>> levels(Map<Long, String> names, Map<Long, String> commands) {
        List<List<String[]>> levels = new ArrayList<>();
        for (int s = 1; s <= 5; s++) {
            List<String[]> stage = new ArrayList<>();
            String barrier = s < 5 ? "barrier_stage" + s + "_complete" : "workflow_complete";
            String[] barrierJob = null;
            for (var e : names.entrySet()) {
                if (e.getValue().startsWith("stage" + s + "_")) {
                    stage.add(new String[] {"j" + e.getKey(), commands.get(e.getKey())});
                } else if (e.getValue().equals(barrier)) {
                    barrierJob = new String[] {"j" + e.getKey(), commands.get(e.getKey())};
                }
            }
            levels.add(stage);
            List<String[]> barrierLevel = new ArrayList<>();
            barrierLevel.add(barrierJob);
            levels.add(barrierLevel);
        }
        return levels;
    }

    /** Runs every level with {@code xargs -P workers}, one {@code bash -c} per job, same files. */
    private static double floor(Path dir, List<List<String[]>> levels, int workers)
            throws IOException, InterruptedException {
        Path out = Files.createDirectories(dir.resolve("floor"));
        long start = System.nanoTime();
        for (List<String[]> level : levels) {
            StringBuilder items = new StringBuilder();
            for (String[] job : level) {
                items.append("exec >'").append(out.resolve(job[0] + ".o")).append("' 2>'")
                        .append(out.resolve(job[0] + ".e")).append("'; ").append(job[1]).append('\0');
            }
            Process p = new ProcessBuilder("xargs", "-0", "-P", Integer.toString(workers), "-n", "1",
                    "bash", "-c").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = p.getOutputStream()) {
                in.write(items.toString().getBytes(StandardCharsets.UTF_8));
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException("xargs failed");
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static String cli(Path root, Path dir, String url, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Server.java()));
        cmd.addAll(Server.javaOptions("TORC_JAVA_OPTS"));
        cmd.addAll(List.of("-jar", root.resolve("client/target/torc.jar").toString(), "--url", url));
        cmd.addAll(List.of(args));
        Path outFile = Files.createTempFile(dir, "cli", ".out");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(outFile.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("torc " + String.join(" ", args) + " failed");
        }
        return Files.readString(outFile);
    }
}
