package org.torc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.torc.client.api.TorcApi;

/**
 * The server alone: N HTTP clients claim, start and complete the jobs of a 20,000-job workflow
 * with fan-in barriers, once with torc's calls and once with our batched ones.
 */
final class ServerBench implements BenchMain.Bench {
    @Override
    public Map<String, Object> run(Path root, Map<String, String> opts) throws Exception {
        int clients = Integer.parseInt(opts.getOrDefault("clients", "8"));
        int jobs = Integer.parseInt(opts.getOrDefault("jobs", "20000"));
        int stages = 4;
        int width = (jobs - stages) / stages;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clients);
        out.put("jobs", stages * (width + 1));
        System.out.printf("%-8s %12s %10s %10s %10s %10s %10s %10s%n", "api", "lifecycles/s",
                "claim_p50", "claim_p99", "start_p50", "start_p99", "compl_p50", "compl_p99");
        for (SyntheticClient.Api mode : SyntheticClient.Api.values()) {
            Path dir = Files.createTempDirectory("torc-bench-server");
            try (Server server = Server.start(root, dir)) {
                TorcApi api = server.api();
                long wf = Graphs.staged(api, "server-bench", stages, width);
                api.post("/workflows/" + wf + "/initialize_jobs", null);
                SyntheticClient client = new SyntheticClient();
                double secs = client.run(api, wf, clients, mode, 10);
                Map<String, Object> r = new LinkedHashMap<>(client.latencies());
                r.put("seconds", secs);
                r.put("lifecycles_per_second", client.lifecycles.get() / secs);
                r.put("server_peak_rss_mb", server.peakRssMb());
                r.put("server_metrics", api.get("/metrics"));
                out.put(mode.name().toLowerCase(), r);
                System.out.printf("%-8s %12.0f %8.2fms %8.2fms %8.2fms %8.2fms %8.2fms %8.2fms%n",
                        mode.name().toLowerCase(), client.lifecycles.get() / secs,
                        r.get("claim_p50_ms"), r.get("claim_p99_ms"), r.get("start_p50_ms"),
                        r.get("start_p99_ms"), r.get("complete_p50_ms"), r.get("complete_p99_ms"));
            }
        }
        return out;
    }
}
