package org.torc.client.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Summary resource monitoring (torc's default): every sample interval, the CPU time and resident
 * memory of each running job's whole process tree are read from {@code /proc}; a job's result
 * carries the peak and average. Jobs shorter than one interval have no samples and no figures.
 */
final class ResourceMonitor implements AutoCloseable {
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final long PAGE_SIZE = 4096;

    /** Peak and average usage of one job, or nulls when it was never sampled. */
    record Usage(Long peakMemoryBytes, Long avgMemoryBytes, Double peakCpuPercent,
            Double avgCpuPercent) {
        static final Usage NONE = new Usage(null, null, null, null);
    }

    private static final class Tracked {
        final ProcessHandle root;
        long lastTicks = -1;
        long lastNanos;
        int samples;
        long memSum;
        long memPeak;
        double cpuSum;
        double cpuPeak;
        int cpuSamples;

        Tracked(ProcessHandle root) {
            this.root = root;
            this.lastNanos = System.nanoTime();
        }
    }

    private final Map<Long, Tracked> jobs = new ConcurrentHashMap<>();
    private final long intervalMillis;
    private final Thread thread;
    private volatile boolean running = true;

    ResourceMonitor(Duration interval) {
        this.intervalMillis = Math.max(100, interval.toMillis());
        this.thread = new Thread(this::loop, "resource-monitor");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void add(long jobId, ProcessHandle process) {
        jobs.put(jobId, new Tracked(process));
    }

    Usage remove(long jobId) {
        Tracked t = jobs.remove(jobId);
        if (t == null || t.samples == 0) {
            return Usage.NONE;
        }
        synchronized (t) {
            return new Usage(t.memPeak, t.memSum / t.samples,
                    t.cpuSamples == 0 ? null : round(t.cpuPeak),
                    t.cpuSamples == 0 ? null : round(t.cpuSum / t.cpuSamples));
        }
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            for (Tracked t : jobs.values()) {
                sample(t);
            }
        }
    }

    private static void sample(Tracked t) {
        if (!t.root.isAlive()) {
            return;
        }
        long ticks = 0;
        long rss = 0;
        List<ProcessHandle> tree = Stream.concat(Stream.of(t.root), t.root.descendants()).toList();
        for (ProcessHandle p : tree) {
            long[] stat = readStat(p.pid());
            if (stat != null) {
                ticks += stat[0];
                rss += stat[1];
            }
        }
        long now = System.nanoTime();
        synchronized (t) {
            t.samples++;
            t.memSum += rss;
            t.memPeak = Math.max(t.memPeak, rss);
            if (t.lastTicks >= 0) {
                double seconds = (now - t.lastNanos) / 1e9;
                if (seconds > 0) {
                    double cpu = (ticks - t.lastTicks) * 100.0 / CLOCK_TICKS_PER_SECOND / seconds;
                    t.cpuSum += Math.max(0, cpu);
                    t.cpuPeak = Math.max(t.cpuPeak, cpu);
                    t.cpuSamples++;
                }
            }
            t.lastTicks = ticks;
            t.lastNanos = now;
        }
    }

    /** {utime + stime in ticks, rss in bytes} from /proc/PID/stat, or null if it is gone. */
    static long[] readStat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            long rssPages = Long.parseLong(f[21]);
            return new long[] {utime + stime, rssPages * PAGE_SIZE};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
