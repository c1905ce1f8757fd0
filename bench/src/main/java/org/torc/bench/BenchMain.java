package org.torc.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code bench/run contention|server|scale [--key value ...]}. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        String name = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String key = args[i].substring(2);
                String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
                opts.put(key, value);
            } else if (name == null) {
                name = args[i];
            }
        }
        Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
        if (name == null || opts.containsKey("help")) {
            System.out.println("""
                    usage: bench/run <name> [options]
                      contention  [--runs 3] [--workers 1,4]   the seed scenario vs the xargs floor
                      server      [--clients 8] [--jobs 20000] [--seconds 0]  server-only lifecycles
                      scale       [--sizes 1000,10000,100000]  create + initialize + run, by size""");
            return;
        }
        Bench bench = switch (name) {
            case "contention" -> new ContentionBench();
            case "server" -> new ServerBench();
            case "scale" -> new ScaleBench();
            default -> throw new IllegalArgumentException("unknown benchmark " + name);
        };
        Map<String, Object> result = bench.run(root, opts);
        Path file = Results.write(root, name, result);
        System.out.println("\nwrote " + root.relativize(file));
    }

    /** One benchmark. */
    interface Bench {
        Map<String, Object> run(Path root, Map<String, String> opts) throws Exception;
    }
}
