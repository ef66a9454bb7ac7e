package io.sinkline.bench.tablestore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.function.Predicate;

/**
 * CPU time and allocated bytes of the live threads whose names match, summed: the emulator's own
 * cost, which (unlike wall-clock time) does not depend on how busy the machine is.
 */
record ThreadCost(long cpuNanos, long allocatedBytes) {

    /** The emulator's HTTP threads: its request handlers and the JDK server's dispatcher. */
    static final Predicate<String> EMULATOR = name -> name.startsWith("ots-emulator") || name.startsWith("HTTP-Dispatcher");

    static ThreadCost of(Predicate<String> threadName) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu = 0;
        long allocated = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && threadName.test(t.getThreadName())) {
                cpu += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
                allocated += Math.max(0, threads.getThreadAllocatedBytes(t.getThreadId()));
            }
        }
        return new ThreadCost(cpu, allocated);
    }

    /** All threads of the process (those that ended are not counted). */
    static ThreadCost all() {
        return of(name -> true);
    }

    ThreadCost minus(ThreadCost earlier) {
        return new ThreadCost(cpuNanos - earlier.cpuNanos, allocatedBytes - earlier.allocatedBytes);
    }
}
