package io.sinkline.bench.sink;

import java.io.BufferedReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts a sink benchmark in the process layout its options ask for. With {@code --jvms separate}
 * (the default) the emulator runs in a JVM of its own, as the service it stands for would, and so
 * do the raw SDK ceiling and the side work (producing each round's records, counting rows); Kafka,
 * the Connect workers and the connector stay in the benchmark's JVM. Each path then has its JIT
 * profile, heap and garbage collector to itself: in one shared JVM (what {@code --jvms one} still
 * gives) the two paths' rounds moved by 25% or more from one to the next, the connector often
 * growing slower round by round. The child JVMs are this same main class with
 * {@code --role emulator}, {@code ceiling} or {@code tools}.
 */
public final class SinkBenchmarkProcesses {

    /** The Tablestore emulator keeps a table's rows on the heap (a million benchmark rows take about 430 MB). */
    private static final int EMULATOR_HEAP_MB = 4096;
    private static final int CLIENT_HEAP_MB = 2048;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final String READY = "ready";
    private static final String NOTE_SEPARATOR = "\u001f";

    /** One service as the launcher sees it. */
    public interface Service {

        /** Starts the emulator in this JVM. */
        RunningEmulator startEmulator();

        /** The sink under test, its clients talking to the emulator at {@code emulator}. */
        SinkUnderTest connect(EmulatorAddress emulator, BenchOptions options);
    }

    /** A started emulator and how clients reach it. */
    public record RunningEmulator(AutoCloseable emulator, EmulatorAddress address) {
    }

    /** Declares the layout options; {@link EndToEndBenchmark#commonOptions} calls it. */
    static BenchOptions declare(BenchOptions options) {
        return options
                .declare("jvms", "separate", "separate: the emulator, the raw SDK ceiling and the side work (producing,"
                        + " counting) each in a JVM of their own, Kafka, Connect and the connector in this one; one:"
                        + " everything in this JVM")
                .declare("role", "driver", "internal: the part this JVM plays (driver; emulator, ceiling and tools are"
                        + " the child JVMs the driver starts)")
                .declare("emulator", "", "internal: the emulator's address, given to the ceiling's and the tools' JVM");
    }

    private SinkBenchmarkProcesses() {
    }

    /** Runs the part {@code --role} names; {@code main} and {@code args} start the child JVMs. */
    public static void run(Class<?> main, String[] args, BenchOptions options, Service service) throws Exception {
        switch (options.string("role")) {
            case "driver" -> drive(main, args, options, service);
            case "emulator" -> serveEmulator(service);
            case "ceiling", "tools" -> serveClient(options, service);
            default -> throw new IllegalArgumentException("--role must be driver, emulator, ceiling or tools, not "
                    + options.string("role"));
        }
    }

    private static void drive(Class<?> main, String[] args, BenchOptions options, Service service) throws Exception {
        switch (options.string("jvms")) {
            case "one" -> {
                RunningEmulator emulator = service.startEmulator();
                try (AutoCloseable running = emulator.emulator();
                     SinkUnderTest sink = service.connect(emulator.address(), options)) {
                    new EndToEndBenchmark(options, sink, new EndToEndBenchmark.Layout(sink::writeDirect,
                            SideWork.inThisJvm(sink), new ProcessClock(List.of())), System.out).run();
                }
            }
            case "separate" -> {
                try (ChildJvm emulatorJvm = ChildJvm.start("emulator", EMULATOR_HEAP_MB, main,
                        with(args, "--role", "emulator"))) {
                    EmulatorAddress address = EmulatorAddress.parse(emulatorJvm.await("emulator ", START_TIMEOUT));
                    try (ChildJvm ceilingJvm = ChildJvm.start("ceiling", CLIENT_HEAP_MB, main,
                                 with(args, "--role", "ceiling", "--emulator", address.format()));
                         ChildJvm toolsJvm = ChildJvm.start("tools", CLIENT_HEAP_MB, main,
                                 with(args, "--role", "tools", "--emulator", address.format()));
                         SinkUnderTest sink = service.connect(address, options)) {
                        ceilingJvm.await(READY, START_TIMEOUT);
                        toolsJvm.await(READY, START_TIMEOUT);
                        Duration timeout = Duration.ofSeconds(options.integer("timeout-s"));
                        EndToEndBenchmark.Ceiling ceiling = (table, topic, records) ->
                                ceilingJvm.ask(timeout, "write", table, topic.name(), topic.partitions(), records);
                        new EndToEndBenchmark(options, sink, new EndToEndBenchmark.Layout(ceiling,
                                new RemoteSideWork(toolsJvm, timeout),
                                new ProcessClock(List.of(emulatorJvm, ceilingJvm))), System.out).run();
                    }
                }
            }
            default -> throw new IllegalArgumentException("--jvms must be separate or one, not " + options.string("jvms"));
        }
    }

    /** {@link SideWork} asked of the tools JVM. */
    private record RemoteSideWork(ChildJvm tools, Duration timeout) implements SideWork {

        @Override
        public void produce(String bootstrapServers, SampleTopic topic, int records) throws InterruptedException {
            tools.ask(timeout, "produce", bootstrapServers, topic.name(), topic.partitions(), records);
        }

        @Override
        public long visibleRecords(String table, SampleTopic topic, int records) throws InterruptedException {
            return Long.parseLong(tools.ask(timeout, "count", table, topic.name(), topic.partitions(), records));
        }

        @Override
        public List<String> notesAfterRun(String table, SampleTopic topic, int records) throws InterruptedException {
            String notes = tools.ask(timeout, "notes", table, topic.name(), topic.partitions(), records);
            return notes.isEmpty() ? List.of() : List.of(notes.split(NOTE_SEPARATOR));
        }
    }

    /** The emulator's JVM: serves until the benchmark closes its stdin (or ends). */
    private static void serveEmulator(Service service) throws Exception {
        RunningEmulator emulator = service.startEmulator();
        try (AutoCloseable running = emulator.emulator(); BufferedReader parent = ChildJvm.commandsFromParent()) {
            System.out.println("emulator " + emulator.address().format());
            System.out.flush();
            for (String line = parent.readLine(); line != null; line = parent.readLine()) {
                ChildJvm.answer(line, words -> {
                    throw new IllegalArgumentException("the emulator's JVM takes no command '" + words[0] + "'");
                });
            }
        }
    }

    /**
     * The ceiling's and the tools' JVM: SDK clients of the emulator that answer {@code write},
     * {@code produce}, {@code count} and {@code notes} (each JVM is sent only its role's).
     */
    private static void serveClient(BenchOptions options, Service service) throws Exception {
        try (SinkUnderTest sink = service.connect(EmulatorAddress.parse(options.string("emulator")), options);
             BufferedReader parent = ChildJvm.commandsFromParent()) {
            System.out.println(READY);
            System.out.flush();
            for (String line = parent.readLine(); line != null; line = parent.readLine()) {
                ChildJvm.answer(line, words -> {
                    SampleTopic topic = new SampleTopic(words[2], Integer.parseInt(words[3]));
                    int records = Integer.parseInt(words[4]);
                    return switch (words[0]) {
                        case "write" -> {
                            sink.writeDirect(words[1], topic, records);
                            yield "";
                        }
                        case "produce" -> {
                            KafkaLoader.produce(words[1], topic, records);
                            yield "";
                        }
                        case "count" -> String.valueOf(sink.visibleRecords(words[1], topic, records));
                        case "notes" -> String.join(NOTE_SEPARATOR, sink.notesAfterRun(words[1], topic, records));
                        default -> throw new IllegalArgumentException("unknown command '" + words[0] + "'");
                    };
                });
            }
        }
    }

    private static List<String> with(String[] args, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(Arrays.asList(more));
        return all;
    }
}
