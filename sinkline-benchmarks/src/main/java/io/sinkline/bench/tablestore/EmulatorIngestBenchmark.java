package io.sinkline.bench.tablestore;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BatchWriteRow ingest into the Tablestore emulator (in memory) through the official SDK's
 * AsyncClient ({@link IngestClient}): 200-row batches of 10 small columns. Prints rows/s, the CPU
 * time and allocation of the emulator's threads per row (per round too, to show the spread), the
 * rest of the process, and the process RSS before start and with the rows held.
 *
 * <p>Arguments: {@code [rows=1000000] [inFlight=16] [rounds=5] [client=same-jvm|own-jvm]}. With
 * {@code own-jvm} the SDK client runs in a child JVM (same classpath, {@code -Xmx1g}), so this
 * process, its GC and its RSS hold only the emulator.
 */
public final class EmulatorIngestBenchmark {

    private EmulatorIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean ownJvm = args.length > 3 && args[3].equals("own-jvm");
        long rssBefore = rssKb();
        try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().build())) {
            SyncClient sync = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
            TableMeta meta = new TableMeta(IngestClient.TABLE);
            meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
            meta.addPrimaryKeyColumn("seq", PrimaryKeyType.INTEGER);
            sync.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
            sync.shutdown();

            Measurement m = ownJvm ? measureWithClientJvm(ots, rows, inFlight, rounds) : measureInProcess(ots, rows, inFlight, rounds);

            System.gc();
            Thread.sleep(500);
            long rssAfter = rssKb();
            Runtime rt = Runtime.getRuntime();
            double millions = rows / 1e6;
            double serverSeconds = m.server.cpuNanos() / 1e9;
            // Everything in this process that is not an emulator thread: GC and JIT, and the SDK client when it runs here.
            double otherSeconds = m.processCpuSeconds - serverSeconds;
            System.out.printf("rows=%d batch=%d columns=%d inFlight=%d client=%s failedRows=%d%n", rows, IngestClient.BATCH,
                    IngestClient.COLUMNS, inFlight, ownJvm ? "own-jvm" : "same-jvm", m.failed);
            System.out.printf("BatchWriteRow ingest: %.0f rows/s (%.2f s wall); %d cores, load average %.1f%n",
                    rows / m.seconds, m.seconds, rt.availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            // Wall time on a busy machine counts waiting for a core; CPU time and allocation do not.
            System.out.printf("emulator threads: %.2f CPU-s per million rows (%.0f rows per CPU-s), %.0f bytes allocated per row%n",
                    serverSeconds / millions, rows / serverSeconds, (double) m.server.allocatedBytes() / rows);
            double[] sorted = m.serverCpuPerMillion.clone();
            Arrays.sort(sorted);
            System.out.printf("  per round (%d rounds): best %.2f, median %.2f, worst %.2f CPU-s per million rows%n",
                    rounds, sorted[0], sorted[rounds / 2], sorted[rounds - 1]);
            System.out.printf("rest of this process (%s): %.2f CPU-s per million rows, %.0f bytes allocated per row"
                    + " (threads other than the emulator's); GC %.2f s%n",
                    ownJvm ? "GC, JIT" : "SDK client, GC, JIT", otherSeconds / millions,
                    Math.max(0.0, (double) (m.all.allocatedBytes() - m.server.allocatedBytes()) / rows), m.gcSeconds);
            System.out.printf("process: %.2f CPU-s (%.0f rows per CPU-s); emulator threads' share %.0f%%%n",
                    m.processCpuSeconds, rows / m.processCpuSeconds, 100 * serverSeconds / m.processCpuSeconds);
            System.out.printf("RSS before start: %d MB, after %d rows held: %d MB; heap used after GC: %d MB%n",
                    rssBefore / 1024, rows, rssAfter / 1024, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    /** What one run measured in this process, from the first measured round to the last. */
    private static final class Measurement {
        double seconds;
        double processCpuSeconds;
        double gcSeconds;
        ThreadCost server;
        ThreadCost all;
        double[] serverCpuPerMillion;
        long failed;
        private long startNanos;
        private long cpuStart;
        private long gcStart;
        private ThreadCost serverStart;
        private ThreadCost allStart;
        private ThreadCost roundStart;

        Measurement(int rounds) {
            serverCpuPerMillion = new double[rounds];
        }

        void start() {
            startNanos = System.nanoTime();
            cpuStart = IngestClient.processCpuNanos();
            gcStart = gcMillis();
            serverStart = ThreadCost.of(ThreadCost.EMULATOR);
            allStart = ThreadCost.all();
        }

        void roundStarted() {
            roundStart = ThreadCost.of(ThreadCost.EMULATOR);
        }

        void roundEnded(int round, int rows, long failedRows) {
            serverCpuPerMillion[round] = ThreadCost.of(ThreadCost.EMULATOR).minus(roundStart).cpuNanos() / 1e9 / (rows / 1e6);
            failed += failedRows;
        }

        void stop() {
            seconds = (System.nanoTime() - startNanos) / 1e9;
            processCpuSeconds = (IngestClient.processCpuNanos() - cpuStart) / 1e9;
            server = ThreadCost.of(ThreadCost.EMULATOR).minus(serverStart);
            all = ThreadCost.all().minus(allStart);
            gcSeconds = (gcMillis() - gcStart) / 1e3;
        }
    }

    private static Measurement measureInProcess(TablestoreEmulator ots, int rows, int inFlight, int rounds) throws Exception {
        AsyncClient client = IngestClient.open(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName(), inFlight);
        IngestClient.warmUp(client, rows, inFlight);
        Measurement m = new Measurement(rounds);
        m.start();
        for (int r = 0, done = 0; r < rounds; r++) {
            int n = IngestClient.roundRows(rows, rounds, r, done);
            m.roundStarted();
            m.roundEnded(r, n, IngestClient.write(client, done, n, inFlight));
            done += n;
        }
        m.stop();
        client.shutdown();
        return m;
    }

    /** Runs {@link IngestClient} in a child JVM and measures this process between its round announcements. */
    private static Measurement measureWithClientJvm(TablestoreEmulator ots, int rows, int inFlight, int rounds) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), IngestClient.class.getName(),
                ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName(),
                Integer.toString(rows), Integer.toString(inFlight), Integer.toString(rounds)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        Measurement m = new Measurement(rounds);
        int round = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("round-start")) {
                    if (round == 0) {
                        m.start();
                    }
                    m.roundStarted();
                } else if (line.startsWith("round-end ")) {
                    String[] parts = line.split(" ");
                    m.roundEnded(round, Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                    if (++round == rounds) {
                        m.stop();
                    }
                } else if (!line.contains("log4j") && !line.startsWith("WARN")) {
                    System.out.println(line); // the client's own figures
                }
            }
        }
        if (child.waitFor() != 0 || round != rounds) {
            throw new IllegalStateException("The client JVM failed (exit " + child.exitValue() + ") after " + round + " rounds");
        }
        return m;
    }

    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
