package io.sinkline.bench.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of the JVM's own threads (garbage collector, JIT compilers), which the
 * ThreadMXBean does not list, read from Linux's {@code /proc/self/task}. Empty elsewhere.
 */
final class JvmThreads {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private JvmThreads() {
    }

    /** CPU nanoseconds by kind: "JVM garbage collector", "JVM JIT compiler", "JVM other (VM thread, ...)". */
    static Map<String, Long> cpuNanosByKind() {
        Map<String, Long> byKind = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return byKind;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    return;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    return;
                }
                String kind = kindOf(stat.substring(open + 1, close));
                if (kind == null) {
                    return;
                }
                // After "(comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
                String[] fields = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                byKind.merge(kind, ticks * NANOS_PER_TICK, Long::sum);
            });
        } catch (IOException | RuntimeException unreadable) {
            return Map.of();
        }
        return byKind;
    }

    private static String kindOf(String comm) {
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Periodic")) {
            return "JVM garbage collector";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "JVM JIT compiler";
        }
        if (comm.equals("VM Thread") || comm.startsWith("Service Thread") || comm.startsWith("Sweeper")) {
            return "JVM other (VM thread)";
        }
        return null;
    }
}
