package io.sinkline.bench.sink;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a path's CPU went: the CPU time of each live thread (native code such as zlib and DuckDB
 * included, unlike a sampling profiler's view), summed by what the thread does. The difference to
 * the process's CPU time is the JVM's own work (GC, JIT) and threads that ended meanwhile.
 */
public final class ThreadCpu {

    /** A thread's role, by its name or, for Connect's task threads (plain pool threads), its stack. */
    private record Role(String label, Pattern name) {
    }

    private static final List<Role> ROLES = List.of(
            new Role("SDK writer threads (sink / ceiling)", Pattern.compile(".*(-upload-|-callback-|-send-|I/O dispatcher|tablestore-callback).*")),
            new Role("emulator", Pattern.compile("(nioEventLoopGroup|ots-emulator|HTTP-Dispatcher|mc-emulator).*")),
            new Role("Kafka broker", Pattern.compile("(data-plane|kafka-|broker-|quorum-controller|group-coordinator|"
                    + "controller-|raft|ExpirationReaper|LogDirFailureHandler|ReplicaFetcher|transaction-).*")),
            new Role("benchmark (row counting, ceiling rows)", Pattern.compile("(main|.*Benchmark.*)")));

    private static final String TASKS = "Connect task threads (poll, convert, put)";
    private static final String WORKER = "Connect worker (herder, offsets, REST)";

    private final Map<Long, Long> cpuByThread;
    private final Map<Long, String> roleByThread;
    private final Map<String, Long> jvmInternalCpu;
    private final long processCpu;

    private ThreadCpu(Map<Long, Long> cpuByThread, Map<Long, String> roleByThread, Map<String, Long> jvmInternalCpu,
                      long processCpu) {
        this.cpuByThread = cpuByThread;
        this.roleByThread = roleByThread;
        this.jvmInternalCpu = jvmInternalCpu;
        this.processCpu = processCpu;
    }

    public static ThreadCpu now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> roles = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 40)) {
            if (info == null) {
                continue;
            }
            cpu.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
            roles.put(info.getThreadId(), roleOf(info));
        }
        return new ThreadCpu(cpu, roles, JvmThreads.cpuNanosByKind(), ProcessClock.ownCpuNanos());
    }

    private static String roleOf(ThreadInfo info) {
        for (StackTraceElement frame : info.getStackTrace()) {
            if (frame.getClassName().startsWith("org.apache.kafka.connect.runtime.WorkerSinkTask")) {
                return TASKS;
            }
        }
        for (StackTraceElement frame : info.getStackTrace()) {
            // Plain pool threads the SDKs start themselves (the Tablestore writer's disruptor buckets).
            if (frame.getClassName().startsWith("com.lmax.disruptor") || frame.getClassName().startsWith("com.alicloud.")
                    || frame.getClassName().startsWith("com.aliyun.")) {
                return ROLES.get(0).label();
            }
        }
        String name = info.getThreadName();
        for (Role role : ROLES) {
            if (role.name().matcher(name).matches()) {
                return role.label();
            }
        }
        return isConnectWorker(name) ? WORKER : "other threads";
    }

    private static boolean isConnectWorker(String name) {
        return name.contains("Herder") || name.startsWith("KafkaBasedLog") || name.startsWith("qtp")
                || name.contains("connect") || name.startsWith("kafka-producer-network-thread")
                || name.startsWith("kafka-coordinator-heartbeat") || name.startsWith("pool-");
    }

    /**
     * CPU seconds per role between {@code earlier} and this reading, largest first, with the rest
     * of the process (GC, JIT, ended threads) as the last entry. A thread keeps the role it had in
     * the later reading (a task thread is only recognisable while it runs a task).
     */
    public Map<String, Double> since(ThreadCpu earlier) {
        Map<String, Double> seconds = new HashMap<>();
        double threads = 0;
        for (Map.Entry<Long, Long> thread : cpuByThread.entrySet()) {
            long before = earlier.cpuByThread.getOrDefault(thread.getKey(), 0L);
            double used = Math.max(0, thread.getValue() - before) / 1e9;
            seconds.merge(roleByThread.get(thread.getKey()), used, Double::sum);
            threads += used;
        }
        for (Map.Entry<String, Long> kind : jvmInternalCpu.entrySet()) {
            double used = Math.max(0, kind.getValue() - earlier.jvmInternalCpu.getOrDefault(kind.getKey(), 0L)) / 1e9;
            seconds.merge(kind.getKey(), used, Double::sum);
            threads += used;
        }
        Map<String, Double> ordered = new LinkedHashMap<>();
        seconds.entrySet().stream().filter(e -> e.getValue() > 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        ordered.put(jvmInternalCpu.isEmpty() ? "JVM (GC, JIT), native threads and threads that ended"
                : "native threads (DuckDB) and threads that ended", Math.max(0, (processCpu - earlier.processCpu) / 1e9 - threads));
        return ordered;
    }

    /** One line: each role's CPU per record in microseconds, and its share. */
    public static String describe(String path, Map<String, Double> seconds, long records) {
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder line = new StringBuilder(String.format("CPU per record, %s: %.1f us =", path, total * 1e6 / records));
        String separator = " ";
        for (Map.Entry<String, Double> role : seconds.entrySet()) {
            line.append(separator).append(String.format("%s %.1f us (%.0f%%)", role.getKey(),
                    role.getValue() * 1e6 / records, 100 * role.getValue() / total));
            separator = "; ";
        }
        return line.toString();
    }
}
