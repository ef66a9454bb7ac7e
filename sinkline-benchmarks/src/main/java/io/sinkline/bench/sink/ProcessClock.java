package io.sinkline.bench.sink;

import java.lang.management.ManagementFactory;

/** Reads the wall clock and this JVM's CPU time together. */
public final class ProcessClock {

    /** One reading: {@link System#nanoTime()} and the process CPU time in nanoseconds. */
    public record Reading(long nanos, long cpuNanos) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessClock() {
    }

    public static Reading now() {
        return new Reading(System.nanoTime(), OS.getProcessCpuTime());
    }

    /** The machine is shared: a busy one makes every path slower, but not always alike. */
    public static double loadAverage() {
        return OS.getSystemLoadAverage();
    }
}
