package io.sinkline.bench.sink;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints the benchmark's results: each round against its ceiling, medians over rounds, settings, machine. */
public final class ResultTable {

    private static final String HEADER = String.format("%-46s %8s %8s %10s %8s %8s %11s %8s", "path", "records",
            "seconds", "records/s", "% ceil", "CPU s", "rec/CPU-s", "% ceil");

    private ResultTable() {
    }

    /** One round: the ceiling first, then the connector's measurements. */
    public static void printRound(PrintStream out, String title, List<Measurement> round, List<String> notes) {
        Measurement ceiling = round.get(0);
        out.println();
        out.println("== " + title);
        out.println(HEADER);
        for (Measurement m : round) {
            out.printf("%-46s %8d %8.2f %10.0f %7.1f%% %8.2f %11.0f %7.1f%%%n", m.what(), m.records(), m.seconds(),
                    m.recordsPerSecond(), m.percentOf(ceiling), m.cpuSeconds(), m.recordsPerCpuSecond(),
                    m.cpuPercentOf(ceiling));
        }
        notes.forEach(note -> out.println("  " + note));
    }

    /** Medians over rounds, per path: records/s, its share of the same round's ceiling, and the same per CPU-second. */
    public static void printMedians(PrintStream out, List<List<Measurement>> rounds) {
        Map<String, List<double[]>> byPath = new LinkedHashMap<>();
        for (List<Measurement> round : rounds) {
            Measurement ceiling = round.get(0);
            for (Measurement m : round) {
                byPath.computeIfAbsent(m.what(), k -> new ArrayList<>()).add(new double[] {
                    m.recordsPerSecond(), m.percentOf(ceiling), m.recordsPerCpuSecond(), m.cpuPercentOf(ceiling)});
            }
        }
        out.println();
        out.println("== medians over " + rounds.size() + " rounds (each share is against its own round's ceiling)");
        out.printf("%-46s %10s %8s %11s %8s%n", "path", "records/s", "% ceil", "rec/CPU-s", "% ceil");
        byPath.forEach((path, values) -> out.printf("%-46s %10.0f %7.1f%% %11.0f %7.1f%%%n", path,
                median(values, 0), median(values, 1), median(values, 2), median(values, 3)));
    }

    public static void printSettings(PrintStream out, Map<String, String> settings) {
        out.println("settings: " + settings);
        out.println("machine:  " + machineFacts());
    }

    private static double median(List<double[]> values, int column) {
        double[] sorted = values.stream().mapToDouble(v -> v[column]).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Cores, heap and JVM of this JVM; the child JVMs (if any) run the same java with the fixed heaps they are given. */
    public static String machineFacts() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.availableProcessors() + " cores, max heap " + runtime.maxMemory() / (1024 * 1024) + " MB, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", GC " + ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()
                + String.format(", load average %.1f now", ProcessClock.loadAverage());
    }
}
