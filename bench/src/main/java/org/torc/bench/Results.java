package org.torc.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.common.Json;

/** Result files, machine facts and small statistics shared by the benchmarks. */
final class Results {
    private Results() {
    }

    static Path write(Path root, String name, Map<String, Object> result) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", name);
        doc.put("time", Instant.now().toString());
        doc.put("machine", machine());
        doc.putAll(result);
        Path dir = Files.createDirectories(root.resolve("bench/results"));
        Path file = dir.resolve(name + "-" + Instant.now().toString().replace(':', '-') + ".json");
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(doc));
        return file;
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            m.put("load_average_at_start", Files.readString(Path.of("/proc/loadavg")).trim());
        } catch (IOException e) {
            // not Linux
        }
        m.put("jvm_uptime_ms", ManagementFactory.getRuntimeMXBean().getUptime());
        return m;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int i = (int) Math.ceil(p / 100.0 * v.size()) - 1;
        return v.get(Math.max(0, Math.min(v.size() - 1, i)));
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
