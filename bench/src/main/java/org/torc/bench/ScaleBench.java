package org.torc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.client.api.TorcApi;
import org.torc.common.Json;

/**
 * Create (from a spec, through {@code torc workflows create}) + initialize + run to completion
 * (synthetic client) for growing workflows; reports time, server RSS and growth ratios.
 */
final class ScaleBench implements BenchMain.Bench {
    @Override
    public Map<String, Object> run(Path root, Map<String, String> opts) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : opts.getOrDefault("sizes", "1000,10000,100000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        System.out.printf("%9s %10s %10s %10s %10s %9s%n", "jobs", "create_s", "init_s", "run_s",
                "total_s", "rss_MB");
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("torc-bench-scale");
            // Ten stages of size/10 jobs joined by barriers, written as a compact parameterized spec.
            int width = Math.max(1, size / 10);
            Path spec = dir.resolve("scale.yaml");
            StringBuilder yaml = new StringBuilder("name: scale\njobs:\n");
            for (int s = 0; s < 10; s++) {
                yaml.append("  - name: \"s").append(s).append("_{i}\"\n    command: \"true\"\n")
                        .append("    parameters:\n      i: \"1:").append(width).append("\"\n");
                if (s > 0) {
                    yaml.append("    depends_on: [\"barrier_").append(s - 1).append("\"]\n");
                }
                yaml.append("  - name: barrier_").append(s).append("\n    command: \"true\"\n")
                        .append("    depends_on_regexes: [\"^s").append(s).append("_\"]\n");
            }
            Files.writeString(spec, yaml);
            try (Server server = Server.start(root, dir)) {
                TorcApi api = server.api();
                long t0 = System.nanoTime();
                long wf = Json.parse(ContentionBench.cli(root, dir, server.url(), "-f", "json",
                        "workflows", "create", "--no-resource-monitoring", spec.toString()))
                        .path("workflow_id").asLong();
                double create = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                api.post("/workflows/" + wf + "/initialize_jobs", null);
                double init = (System.nanoTime() - t0) / 1e9;
                SyntheticClient client = new SyntheticClient();
                double run = client.run(api, wf, 4, SyntheticClient.Api.BATCHED, 100);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("jobs", 10 * (width + 1));
                row.put("create_seconds", create);
                row.put("initialize_seconds", init);
                row.put("run_seconds", run);
                row.put("total_seconds", create + init + run);
                row.put("server_peak_rss_mb", server.peakRssMb());
                rows.add(row);
                System.out.printf("%9d %10.2f %10.2f %10.2f %10.2f %9.0f%n", 10 * (width + 1), create,
                        init, run, create + init + run, server.peakRssMb());
            }
        }
        out.put("sizes", rows);
        for (int i = 1; i < rows.size(); i++) {
            double ratio = (double) rows.get(i).get("total_seconds")
                    / (double) rows.get(i - 1).get("total_seconds");
            out.put("growth_" + rows.get(i - 1).get("jobs") + "_to_" + rows.get(i).get("jobs"), ratio);
            System.out.printf("growth %s -> %s jobs: %.2fx time%n", rows.get(i - 1).get("jobs"),
                    rows.get(i).get("jobs"), ratio);
        }
        return out;
    }
}
