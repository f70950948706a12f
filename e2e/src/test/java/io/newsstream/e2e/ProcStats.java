package io.newsstream.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU time and peak resident memory of processes on Linux, from {@code /proc}: {@code
 * /proc/PID/stat} utime + stime (clock ticks, 100 per second) and {@code /proc/PID/status} VmHWM.
 *
 * <p>A {@link Sampler} reads them for a set of named processes every few hundred milliseconds and
 * keeps the last reading, so that a process that exits (the one-shot producer) still has figures:
 * at most one sampling period of CPU is lost.
 */
final class ProcStats {

    private static final double TICKS_PER_SECOND = 100.0;

    /** One reading. */
    record Reading(double cpuSeconds, long peakRssKiB) {}

    private ProcStats() {}

    /** The process's reading now, or null when it is gone. */
    static Reading read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: fields count from after its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            long hwm = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new Reading(cpu, hwm);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * CPU seconds of every process named {@code postgres} on the machine (the server and all its
     * backends, including those of other clients); peak RSS is not summed (shared memory).
     */
    static double postgresCpuSeconds() {
        double sum = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(p.resolve("comm")).strip().equals("postgres")) {
                        Reading r = read(Long.parseLong(name));
                        if (r != null) {
                            sum += r.cpuSeconds();
                        }
                    }
                } catch (IOException e) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return sum;
    }

    /** Samples named processes in a daemon thread until closed. */
    static final class Sampler implements AutoCloseable {
        private final Map<String, Long> pids = new ConcurrentHashMap<>();
        private final Map<String, Reading> last = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        Sampler(long periodMillis) {
            thread =
                    new Thread(
                            () -> {
                                while (running) {
                                    sample();
                                    try {
                                        Thread.sleep(periodMillis);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            },
                            "proc-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void track(String name, long pid) {
            pids.put(name, pid);
            Reading r = read(pid);
            if (r != null) {
                last.put(name, r);
            } else {
                last.remove(name);
            }
        }

        private void sample() {
            for (var e : pids.entrySet()) {
                Reading r = read(e.getValue());
                if (r != null) {
                    // An exited process (zombie) still has its CPU times but no VmHWM any more.
                    last.merge(
                            e.getKey(),
                            r,
                            (a, b) ->
                                    new Reading(
                                            Math.max(a.cpuSeconds(), b.cpuSeconds()),
                                            Math.max(a.peakRssKiB(), b.peakRssKiB())));
                }
            }
        }

        /** The latest reading of every tracked process (a final one for those still alive). */
        Map<String, Reading> snapshot() {
            sample();
            Map<String, Reading> out = new LinkedHashMap<>();
            for (String name : pids.keySet()) {
                Reading r = last.get(name);
                if (r != null) {
                    out.put(name, r);
                }
            }
            return out;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
