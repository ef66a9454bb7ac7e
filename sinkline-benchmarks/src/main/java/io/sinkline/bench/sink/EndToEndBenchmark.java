package io.sinkline.bench.sink;

import io.sinkline.testing.KafkaConnectHarness;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

/**
 * The end-to-end sink benchmark, the same for every sink: start a broker and Connect workers,
 * fill a topic before any clock starts, then (1) time the raw SDK writing the same rows straight
 * to the emulator (the ceiling), (2) deploy the connector and time it until every row is visible
 * through the SDK, and until its committed offsets reach the end of the topic.
 */
public final class EndToEndBenchmark {

    /** Declares the options every sink benchmark has; each benchmark adds its own batching options. */
    public static BenchOptions commonOptions(String command, int defaultRecords) {
        return new BenchOptions(command)
                .declare("records", defaultRecords, "records produced and written by each path")
                .declare("warmup", 20_000, "records the raw SDK writes to a warm-up table before any clock")
                .declare("partitions", 6, "partitions of the benchmark topic")
                .declare("tasks", 2, "the connector's tasks.max")
                .declare("workers", 2, "Connect workers (in this JVM)")
                .declare("poll-ms", 200, "how often the connector's table is counted through the SDK")
                .declare("timeout-s", 600, "give up on the connector after this many seconds");
    }

    static final String WARM_UP_TABLE = "bench_warmup";
    static final String CEILING_TABLE = "bench_ceiling";
    static final String CONNECTOR_TABLE = "bench_connector";

    private final BenchOptions options;
    private final SinkUnderTest sink;
    private final PrintStream out;

    public EndToEndBenchmark(BenchOptions options, SinkUnderTest sink, PrintStream out) {
        this.options = options;
        this.sink = sink;
        this.out = out;
    }

    public void run() throws Exception {
        int records = options.integer("records");
        int tasks = options.integer("tasks");
        SampleTopic topic = new SampleTopic("bench_events", options.integer("partitions"));
        progress("starting a broker and " + options.integer("workers") + " Connect worker(s)");
        try (KafkaConnectHarness kafka = KafkaConnectHarness.builder().workers(options.integer("workers")).start()) {
            KafkaLoader loader = new KafkaLoader(kafka);
            long producing = System.nanoTime();
            Map<TopicPartition, Long> ends = loader.load(topic, records);
            progress(String.format("produced %d records into %d partitions in %.1f s (before any clock)", records,
                    topic.partitions(), (System.nanoTime() - producing) / 1e9));
            for (String table : List.of(WARM_UP_TABLE, CEILING_TABLE, CONNECTOR_TABLE)) {
                sink.createTable(table);
            }
            int warmUp = Math.min(options.integer("warmup"), records);
            if (warmUp > 0) {
                // So that neither measured path pays for the JIT compiling the SDK and the emulator.
                progress("warm-up: " + warmUp + " records through the raw SDK into a table of their own");
                sink.writeDirect(WARM_UP_TABLE, topic, warmUp);
            }

            progress("ceiling: " + sink.ceilingDescription() + loadAverage());
            Measurement ceiling = timeCeiling(topic, records);
            progress(String.format("ceiling: %.0f records/s", ceiling.recordsPerSecond()));

            progress("connector: tasks.max=" + tasks + loadAverage());
            List<String> notes = new ArrayList<>();
            List<Measurement> connector = timeConnector(kafka, topic, records, tasks, ends, notes);

            ResultTable.print(out, sink.service() + " sink: connector vs raw SDK, same emulator, same run",
                    ceiling, connector, notes, options.effective());
        }
    }

    private Measurement timeCeiling(SampleTopic topic, int records) throws Exception {
        long start = System.nanoTime();
        sink.writeDirect(CEILING_TABLE, topic, records);
        long elapsed = System.nanoTime() - start;
        long rows = sink.visibleRecords(CEILING_TABLE, topic, records);
        if (rows != records) {
            throw new IllegalStateException("the raw SDK path left " + rows + " records visible, expected " + records);
        }
        return new Measurement("raw SDK ceiling", records, elapsed);
    }

    private List<Measurement> timeConnector(KafkaConnectHarness kafka, SampleTopic topic, int records, int tasks,
                                            Map<TopicPartition, Long> ends, List<String> notes) throws Exception {
        String name = "bench-" + sink.service().toLowerCase();
        Duration timeout = Duration.ofSeconds(options.integer("timeout-s"));
        long pollMs = options.integer("poll-ms");

        long start = System.nanoTime();
        kafka.deployConnector(name, sink.connectorConfig(CONNECTOR_TABLE, topic, tasks));
        long deadline = start + timeout.toNanos();
        long firstRow = -1;
        long visibleAtFirstRow = 0;
        long visible;
        long lastStatusCheck = start;
        while (true) {
            visible = sink.visibleRecords(CONNECTOR_TABLE, topic, records);
            long now = System.nanoTime();
            if (visible > 0 && firstRow < 0) {
                firstRow = now;
                visibleAtFirstRow = visible;
            }
            if (visible >= records) {
                break;
            }
            if (now - lastStatusCheck > 2_000_000_000L) {
                failIfTaskFailed(kafka, name);
                lastStatusCheck = now;
            }
            if (now > deadline) {
                throw new IllegalStateException("the connector made " + visible + " of " + records
                        + " rows visible in " + timeout.toSeconds() + " s");
            }
            Thread.sleep(pollMs);
        }
        long allVisible = System.nanoTime();
        awaitUntil(deadline, () -> committedToEnd(kafka, name, ends), () -> failIfTaskFailed(kafka, name));
        long committed = System.nanoTime();

        notes.addAll(sink.notesAfterRun(CONNECTOR_TABLE, topic, records));
        notes.add(String.format("connector start (deploy until the first poll that sees rows): %.2f s, %d rows visible then",
                (firstRow - start) / 1e9, visibleAtFirstRow));
        notes.add("clocks start at deploy; rows counted through the SDK every " + pollMs + " ms; offsets are committed "
                + "every offset.flush.interval.ms (1 s in the harness)");
        List<Measurement> measured = new ArrayList<>();
        measured.add(new Measurement("connector, tasks.max=" + tasks + ", all rows visible", records, allVisible - start));
        measured.add(new Measurement("connector, tasks.max=" + tasks + ", offsets committed", records, committed - start));
        if (visibleAtFirstRow < records) {
            // Sustained rate: the rows that became visible after the first poll that saw any, over that time.
            measured.add(new Measurement("connector, sustained (first rows seen -> all)", records - visibleAtFirstRow,
                    allVisible - firstRow));
        }
        return measured;
    }

    private static boolean committedToEnd(KafkaConnectHarness kafka, String name, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.committedOffsets(name);
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata offset = committed.get(end.getKey());
            return offset != null && offset.offset() >= end.getValue();
        });
    }

    private static void awaitUntil(long deadlineNanos, BooleanSupplier done, Runnable check) throws InterruptedException {
        while (!done.getAsBoolean()) {
            check.run();
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("the connector's committed offsets did not reach the end of the topic in time");
            }
            Thread.sleep(50);
        }
    }

    private static void failIfTaskFailed(KafkaConnectHarness kafka, String name) {
        ConnectorStateInfo status;
        try {
            status = kafka.connectorStatus(name);
        } catch (RuntimeException notYetThere) {
            return; // right after deploy the status may not exist yet
        }
        if ("FAILED".equals(status.connector().state())) {
            throw new IllegalStateException("connector " + name + " FAILED: " + status.connector().trace());
        }
        status.tasks().stream().filter(task -> "FAILED".equals(task.state())).findFirst().ifPresent(task -> {
            throw new IllegalStateException("task " + task.id() + " of " + name + " FAILED: " + task.trace());
        });
    }

    /** The machine is shared: a busy one makes both paths slower, but not always alike. */
    private static String loadAverage() {
        return String.format(" (load average %.1f)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private void progress(String message) {
        out.println("[bench] " + message);
    }
}
