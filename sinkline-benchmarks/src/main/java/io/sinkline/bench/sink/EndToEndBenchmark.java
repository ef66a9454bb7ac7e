package io.sinkline.bench.sink;

import io.sinkline.testing.KafkaConnectHarness;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

/**
 * The end-to-end sink benchmark, the same for every sink: start a broker and Connect workers,
 * then per round fill a fresh topic before any clock starts, (1) time the raw SDK writing the
 * same rows straight to the emulator (the ceiling), (2) deploy the connector and time it until
 * every row is visible through the SDK, and until its committed offsets reach the end of the
 * topic. Rounds alternate the two paths, so a machine whose load changes treats both alike.
 * Where each part runs (one JVM, or the emulator, the ceiling and the side work in JVMs of their
 * own) is {@link SinkBenchmarkProcesses}'s choice; this class only sees a {@link Layout}.
 */
public final class EndToEndBenchmark {

    /** The raw SDK path: writes records {@code [0, records)} into {@code table}, here or in the ceiling's JVM. */
    @FunctionalInterface
    public interface Ceiling {
        void write(String table, SampleTopic topic, int records) throws Exception;
    }

    /** Declares the options every sink benchmark has; each benchmark adds its own batching options. */
    /**
     * {@code defaultConverter}: {@code --value-converter}'s default, the setting each connector reads
     * its JSON values fastest with (Tablestore scans bytes; MaxCompute's FLATTEN fast path reads text).
     */
    public static BenchOptions commonOptions(String command, int defaultRecords, String defaultConverter) {
        return SinkBenchmarkProcesses.declare(new BenchOptions(command)
                .declare("records", defaultRecords, "records produced and written by each path, per round")
                .declare("rounds", 1, "rounds of ceiling + connector, each on a fresh topic and tables; medians at the end")
                .declare("warmup", 50_000, "records the raw SDK, then the connector, write to warm-up tables before any clock")
                .declare("warmup-passes", 2, "warm-up passes (raw SDK, then connector, each time) before any clock")
                .declare("partitions", 6, "partitions of the benchmark topic")
                .declare("tasks", 2, "the connector's tasks.max")
                .declare("workers", 2, "Connect workers (in this JVM)")
                .declare("poll-ms", 200, "how often the connector's committed offsets are read while it runs")
                .declare("value-converter", defaultConverter, "the connector's value.converter: bytes (ByteArrayConverter: the"
                        + " connector parses the JSON bytes itself) or string (StringConverter: Connect decodes them first)")
                .declare("timeout-s", 600, "give up on the connector after this many seconds"));
    }

    /** The {@code value.converter} class that {@code --value-converter} names. */
    public static String valueConverter(BenchOptions options) {
        String name = options.string("value-converter");
        return switch (name) {
            case "bytes" -> "org.apache.kafka.connect.converters.ByteArrayConverter";
            case "string" -> "org.apache.kafka.connect.storage.StringConverter";
            default -> throw new IllegalArgumentException("--value-converter must be bytes or string, not " + name);
        };
    }

    private final BenchOptions options;
    /**
     * Where the parts run: the raw SDK path, the side work (producing, counting), and a clock that
     * reads the CPU of every process involved (see {@link SinkBenchmarkProcesses}).
     */
    public record Layout(Ceiling ceiling, SideWork sideWork, ProcessClock clock) {
    }

    private final SinkUnderTest sink;
    private final Ceiling ceiling;
    private final SideWork sideWork;
    private final ProcessClock clock;
    private final PrintStream out;

    public EndToEndBenchmark(BenchOptions options, SinkUnderTest sink, Layout layout, PrintStream out) {
        this.options = options;
        this.sink = sink;
        this.ceiling = layout.ceiling();
        this.sideWork = layout.sideWork();
        this.clock = layout.clock();
        this.out = out;
    }

    public void run() throws Exception {
        int records = options.integer("records");
        int rounds = options.integer("rounds");
        progress("starting a broker and " + options.integer("workers") + " Connect worker(s)");
        try (KafkaConnectHarness kafka = KafkaConnectHarness.builder().workers(options.integer("workers")).start()) {
            int warmUp = Math.min(options.integer("warmup"), records);
            for (int pass = 1; warmUp > 0 && pass <= options.integer("warmup-passes"); pass++) {
                warmUp(kafka, pass, warmUp);
            }
            List<List<Measurement>> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                results.add(runRound(kafka, round, records));
            }
            if (rounds > 1) {
                ResultTable.printMedians(out, results);
            }
            ResultTable.printSettings(out, options.effective());
        }
    }

    /**
     * Runs both paths, unmeasured, so that neither measured path pays for the JIT compiling its
     * code: the SDK and the emulator, and also Kafka's consumer, Connect and the connector (without
     * this the first connector round spent about a third of its CPU in the JIT compiler). More than
     * one pass: the two paths share the SDK and emulator code with other receiver types, so the
     * second path's first run deoptimises some of what the first compiled; alternating them again
     * lets the compiled code settle before any clock, for both alike.
     */
    private void warmUp(KafkaConnectHarness kafka, int pass, int records) throws Exception {
        String tag = "warm-up " + pass + ": " + records + " records through the ";
        progress(tag + "raw SDK into a table of their own");
        SampleTopic topic = new SampleTopic("bench_warmup_" + pass, options.integer("partitions"));
        String ceilingTable = "bench_warmup_" + pass;
        String connectorTable = "bench_warmup_connector_" + pass;
        sink.createTable(ceilingTable);
        ceiling.write(ceilingTable, topic, records);
        sink.dropTable(ceilingTable); // as in the measured rounds: the connector writes beside no other rows
        progress(tag + "connector into a table of their own");
        sink.createTable(connectorTable);
        Map<TopicPartition, Long> ends = new KafkaLoader(kafka).load(topic, records, sideWork);
        timeConnector(kafka, "bench-warmup-" + pass, connectorTable, topic, records, ends, new ArrayList<>());
        sink.dropTable(connectorTable);
    }

    /** One round on its own topic and tables; returns the ceiling first, then the connector's measurements. */
    private List<Measurement> runRound(KafkaConnectHarness kafka, int round, int records) throws Exception {
        String suffix = options.integer("rounds") == 1 ? "" : "_" + round;
        SampleTopic topic = new SampleTopic("bench_events" + suffix, options.integer("partitions"));
        String ceilingTable = "bench_ceiling" + suffix;
        String connectorTable = "bench_connector" + suffix;
        sink.createTable(ceilingTable);
        sink.createTable(connectorTable);

        long producing = System.nanoTime();
        Map<TopicPartition, Long> ends = new KafkaLoader(kafka).load(topic, records, sideWork);
        progress(String.format("round %d: produced %d records into %d partitions in %.1f s (before any clock)", round,
                records, topic.partitions(), (System.nanoTime() - producing) / 1e9));

        progress("round " + round + ": ceiling: " + sink.ceilingDescription() + loadAverage());
        List<Measurement> measured = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        measured.add(timeCeiling(ceilingTable, topic, records, notes));
        progress(String.format("round %d: ceiling: %.0f records/s", round, measured.get(0).recordsPerSecond()));
        // Dropped before the connector runs, so that each path writes into an emulator that holds only its own
        // rows: the Tablestore emulator keeps rows on the heap, and with the ceiling's 3M rows still there the
        // connector's GC took up to 5.6 us per record against the ceiling's 3.2.
        sink.dropTable(ceilingTable);

        progress("round " + round + ": connector, tasks.max=" + options.integer("tasks") + loadAverage());
        measured.addAll(timeConnector(kafka, "bench-" + sink.service().toLowerCase(Locale.ROOT) + suffix.replace('_', '-'),
                connectorTable, topic, records, ends, notes));
        ResultTable.printRound(out, sink.service() + " sink, round " + round + ": connector vs raw SDK, same emulator",
                measured, notes);
        sink.dropTable(connectorTable);
        return measured;
    }

    private Measurement timeCeiling(String table, SampleTopic topic, int records, List<String> notes) throws Exception {
        clock.collectGarbage();
        ThreadCpu threadsAtStart = ThreadCpu.now();
        ProcessClock.Reading start = clock.now();
        ceiling.write(table, topic, records);
        ProcessClock.Reading end = clock.now();
        // Read before the rows are checked, so the check's own work is not counted.
        notes.add(ThreadCpu.describe("ceiling", ThreadCpu.now().since(threadsAtStart), records));
        if (clock.hasChildren()) {
            notes.add(ProcessClock.describe("ceiling", start, end, records));
        }
        long rows = sideWork.visibleRecords(table, topic, records);
        if (rows != records) {
            throw new IllegalStateException("the raw SDK path left " + rows + " records visible, expected " + records);
        }
        return Measurement.between("raw SDK ceiling", records, start, end);
    }

    private List<Measurement> timeConnector(KafkaConnectHarness kafka, String name, String table, SampleTopic topic,
                                            int records, Map<TopicPartition, Long> ends, List<String> notes)
            throws Exception {
        int tasks = options.integer("tasks");
        Duration timeout = Duration.ofSeconds(options.integer("timeout-s"));
        long pollMs = options.integer("poll-ms");

        clock.collectGarbage();
        ThreadCpu threadsAtStart = ThreadCpu.now();
        ProcessClock.Reading start = clock.now();
        kafka.deployConnector(name, sink.connectorConfig(table, topic, tasks));
        long deadline = start.nanos() + timeout.toNanos();
        ProcessClock.Reading firstCommit = null;
        long committedAtFirstCommit = 0;
        long lastStatusCheck = start.nanos();
        while (true) {
            // The clock runs until the committed offsets reach the end: the sinks commit an offset only
            // once its row is durable. Counting rows through the SDK while the connector runs would
            // charge the counting's CPU (emulator and client, same JVM) to the connector; the rows are
            // checked once the clock has stopped instead.
            long committed = committedRecords(kafka, name, ends);
            ProcessClock.Reading now = clock.now();
            if (committed > 0 && firstCommit == null) {
                firstCommit = now;
                committedAtFirstCommit = committed;
            }
            if (committed >= records) {
                break;
            }
            if (now.nanos() - lastStatusCheck > 2_000_000_000L) {
                failIfTaskFailed(kafka, name);
                lastStatusCheck = now.nanos();
            }
            if (now.nanos() > deadline) {
                throw new IllegalStateException("the connector committed " + committed + " of " + records
                        + " records in " + timeout.toSeconds() + " s");
            }
            Thread.sleep(pollMs);
        }
        ProcessClock.Reading committed = clock.now();
        notes.add(ThreadCpu.describe("connector", ThreadCpu.now().since(threadsAtStart), records));
        if (clock.hasChildren()) {
            notes.add(ProcessClock.describe("connector", start, committed, records));
        }
        long visible = sideWork.visibleRecords(table, topic, records);
        if (visible < records) {
            throw new IllegalStateException("the connector committed every offset but only " + visible + " of "
                    + records + " rows are in the table: records were lost");
        }
        String batches = ConnectorBatches.describe(name);
        if (batches != null) {
            notes.add(batches);
        }
        kafka.deleteConnector(name);

        notes.addAll(sideWork.notesAfterRun(table, topic, records));
        notes.add(String.format("connector start (deploy until the first commit seen): %.2f s, %d records committed then",
                (firstCommit.nanos() - start.nanos()) / 1e9, committedAtFirstCommit));
        notes.add("clocks start at deploy and stop when the committed offsets reach the end of the topic (checked every "
                + pollMs + " ms; Connect commits every offset.flush.interval.ms, 1 s in the harness); every row is "
                + "then checked through the SDK; CPU is that of every "
                + "process of the benchmark (this JVM and, with --jvms separate, the emulator's and the ceiling's)");
        List<Measurement> measured = new ArrayList<>();
        measured.add(Measurement.between("connector, tasks.max=" + tasks + ", deploy -> committed", records, start, committed));
        if (committedAtFirstCommit < records) {
            // Sustained rate: the records committed after the first commit seen, over that time.
            measured.add(Measurement.between("connector, sustained (first commit -> all)",
                    records - committedAtFirstCommit, firstCommit, committed));
        }
        return measured;
    }

    /** Records whose offsets the connector committed (the topic is fresh: its offsets start at 0). */
    private static long committedRecords(KafkaConnectHarness kafka, String name, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.committedOffsets(name);
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            sum += offset == null ? 0 : Math.min(offset.offset(), end.getValue());
        }
        return sum;
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

    private static String loadAverage() {
        return String.format(" (load average %.1f)", ProcessClock.loadAverage());
    }

    private void progress(String message) {
        out.println("[bench] " + message);
    }
}
