package io.sinkline.bench.sink;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/** Prints the benchmark's result: the measurements against the ceiling, the settings, the machine. */
public final class ResultTable {

    private ResultTable() {
    }

    public static void print(PrintStream out, String title, Measurement ceiling, List<Measurement> others,
                             List<String> notes, Map<String, String> settings) {
        out.println();
        out.println("== " + title);
        out.printf("%-44s %10s %9s %11s %13s%n", "path", "records", "seconds", "records/s", "% of ceiling");
        row(out, ceiling, ceiling);
        others.forEach(m -> row(out, m, ceiling));
        notes.forEach(note -> out.println("  " + note));
        out.println("settings: " + settings);
        out.println("machine:  " + machineFacts());
    }

    private static void row(PrintStream out, Measurement m, Measurement ceiling) {
        out.printf("%-44s %10d %9.2f %11.0f %12.1f%%%n", m.what(), m.records(), m.seconds(), m.recordsPerSecond(),
                m.percentOf(ceiling));
    }

    /** Cores, heap and JVM; everything (broker, workers, emulator, SDK clients) shares this one JVM. */
    public static String machineFacts() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.availableProcessors() + " cores, max heap " + runtime.maxMemory() / (1024 * 1024) + " MB, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", GC " + ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()
                + String.format(", load average %.1f now", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + "; broker, Connect workers, emulator and SDK clients all in one JVM";
    }
}
