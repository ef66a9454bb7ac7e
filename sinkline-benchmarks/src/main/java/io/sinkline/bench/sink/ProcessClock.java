package io.sinkline.bench.sink;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the wall clock and the CPU time of the benchmark's processes together: this JVM and the
 * child JVMs it started (the emulator, the raw SDK ceiling), so a path's CPU counts the service's
 * work and the client's wherever they run.
 */
public final class ProcessClock {

    /** The name this JVM has in {@link Reading#cpuByProcess()}. */
    private static final String THIS_JVM = "benchmark JVM (Kafka, Connect, connector)";

    /** One reading: {@link System#nanoTime()}, the CPU time of all the processes, and of each. */
    public record Reading(long nanos, long cpuNanos, Map<String, Long> cpuByProcess) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final List<ChildJvm> children;

    /** A clock over this JVM and {@code children}. */
    public ProcessClock(List<ChildJvm> children) {
        this.children = List.copyOf(children);
    }

    public Reading now() {
        Map<String, Long> byProcess = new LinkedHashMap<>();
        long nanos = System.nanoTime();
        byProcess.put(THIS_JVM, ownCpuNanos());
        for (ChildJvm child : children) {
            byProcess.put(child.name() + " JVM", child.cpuNanos());
        }
        long total = byProcess.values().stream().mapToLong(Long::longValue).sum();
        return new Reading(nanos, total, byProcess);
    }

    /** This JVM's CPU time. */
    public static long ownCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /**
     * A full garbage collection in every process, before a path's clock starts: garbage the
     * previous path left (a dropped table's rows in the emulator) is then not collected on the
     * next path's time, and each path starts from the same clean heaps.
     */
    public void collectGarbage() throws InterruptedException {
        System.gc();
        for (ChildJvm child : children) {
            child.collectGarbage();
        }
    }

    /** Whether CPU is spread over more than this JVM, so {@link #describe} has something to say. */
    public boolean hasChildren() {
        return !children.isEmpty();
    }

    /** One line: each process's CPU per record between two readings, in microseconds. */
    public static String describe(String path, Reading start, Reading end, long records) {
        StringBuilder line = new StringBuilder(String.format("CPU per record by process, %s: %.1f us =", path,
                (end.cpuNanos() - start.cpuNanos()) / 1e3 / records));
        String separator = " ";
        for (Map.Entry<String, Long> process : end.cpuByProcess().entrySet()) {
            long used = process.getValue() - start.cpuByProcess().getOrDefault(process.getKey(), 0L);
            line.append(separator).append(String.format("%s %.1f us", process.getKey(), used / 1e3 / records));
            separator = "; ";
        }
        return line.toString();
    }

    /** The machine is shared: a busy one makes every path slower, but not always alike. */
    public static double loadAverage() {
        return OS.getSystemLoadAverage();
    }
}
