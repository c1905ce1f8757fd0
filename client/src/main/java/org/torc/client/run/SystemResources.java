package org.torc.client.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this machine offers: logical CPUs, total memory, host name. */
final class SystemResources {
    private SystemResources() {
    }

    static long cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Total memory in GiB from /proc/meminfo (falls back to the JVM's view). */
    static double memoryGb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return kb / 1024.0 / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: use what the JVM knows
        }
        return Runtime.getRuntime().maxMemory() / (double) (1L << 30);
    }

    static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
