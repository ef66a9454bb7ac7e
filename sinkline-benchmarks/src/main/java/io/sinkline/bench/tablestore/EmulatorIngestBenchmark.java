package io.sinkline.bench.tablestore;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.BatchWriteRowResponse;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BatchWriteRow ingest into the Tablestore emulator through the official SDK's AsyncClient:
 * 200-row batches of 10 small columns, a bounded number of batches in flight, in memory mode.
 * Prints rows/s, the CPU time and allocation of the emulator's threads and of the rest of the process
 * (the SDK client), and the process RSS before and after the rows are held.
 *
 * <p>Arguments: {@code [rows=1000000] [inFlight=16]}.
 */
public final class EmulatorIngestBenchmark {
    private static final int BATCH = 200;
    private static final int COLUMNS = 10;

    private EmulatorIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        long rssBefore = rssKb();
        try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().build())) {
            SyncClient sync = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
            TableMeta meta = new TableMeta("bench");
            meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
            meta.addPrimaryKeyColumn("seq", PrimaryKeyType.INTEGER);
            sync.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
            sync.shutdown();

            ClientConfiguration conf = new ClientConfiguration();
            conf.setMaxConnections(inFlight * 2);
            AsyncClient client = new AsyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName(), conf);
            warmUp(client, Math.min(rows / 10, 100_000), inFlight);
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            ThreadCost serverStart = ThreadCost.of(ThreadCost.EMULATOR);
            ThreadCost allStart = ThreadCost.all();
            long gcStart = gcMillis();
            long failed = write(client, 0, rows, inFlight);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            ThreadCost server = ThreadCost.of(ThreadCost.EMULATOR).minus(serverStart);
            ThreadCost all = ThreadCost.all().minus(allStart);
            double gcSeconds = (gcMillis() - gcStart) / 1e3;
            client.shutdown();

            System.gc();
            Thread.sleep(500);
            long rssAfter = rssKb();
            Runtime rt = Runtime.getRuntime();
            double millions = rows / 1e6;
            double serverSeconds = server.cpuNanos() / 1e9;
            // Everything that is not an emulator thread: the SDK client, its I/O threads, GC and JIT.
            double otherSeconds = cpuSeconds - serverSeconds;
            System.out.printf("rows=%d batch=%d columns=%d inFlight=%d failedRows=%d%n", rows, BATCH, COLUMNS, inFlight, failed);
            System.out.printf("BatchWriteRow ingest: %.0f rows/s (%.2f s wall); %d cores, load average %.1f%n",
                    rows / seconds, seconds, rt.availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            // Wall time on a busy machine counts waiting for a core; CPU time and allocation do not.
            System.out.printf("emulator threads: %.2f CPU-s per million rows (%.0f rows per CPU-s), %.0f bytes allocated per row%n",
                    serverSeconds / millions, rows / serverSeconds, (double) server.allocatedBytes() / rows);
            System.out.printf("rest of the process (SDK client, GC, JIT): %.2f CPU-s per million rows, %.0f bytes allocated per row"
                    + " (client threads); GC %.2f s%n",
                    otherSeconds / millions, (double) (all.allocatedBytes() - server.allocatedBytes()) / rows, gcSeconds);
            System.out.printf("process: %.2f CPU-s (%.0f rows per CPU-s); emulator share %.0f%%%n",
                    cpuSeconds, rows / cpuSeconds, 100 * serverSeconds / cpuSeconds);
            System.out.printf("RSS before start: %d MB, after %d rows held: %d MB; heap used after GC: %d MB%n",
                    rssBefore / 1024, rows, rssAfter / 1024, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    private static void warmUp(AsyncClient client, int rows, int inFlight) throws Exception {
        write(client, -rows - 1, rows, inFlight); // negative sequence numbers: kept apart from the measured rows
    }

    private static long write(AsyncClient client, long firstSeq, int rows, int inFlight) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong failed = new AtomicLong();
        for (int offset = 0; offset < rows; offset += BATCH) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            for (int i = offset; i < Math.min(rows, offset + BATCH); i++) {
                long seq = firstSeq + i;
                RowPutChange put = new RowPutChange("bench", PrimaryKeyBuilder.createPrimaryKeyBuilder()
                        .addPrimaryKeyColumn("pk", PrimaryKeyValue.fromString("p" + (seq % 64)))
                        .addPrimaryKeyColumn("seq", PrimaryKeyValue.fromLong(seq)).build());
                for (int c = 0; c < COLUMNS; c++) {
                    put.addColumn("c" + c, c % 2 == 0 ? ColumnValue.fromLong(seq + c) : ColumnValue.fromString("v" + c));
                }
                req.addRowChange(put);
            }
            slots.acquire();
            client.batchWriteRow(req, new com.alicloud.openservices.tablestore.TableStoreCallback<>() {
                @Override
                public void onCompleted(BatchWriteRowRequest r, BatchWriteRowResponse res) {
                    failed.addAndGet(res.getFailedRows().size());
                    slots.release();
                }

                @Override
                public void onFailed(BatchWriteRowRequest r, Exception ex) {
                    failed.addAndGet(r.getRowsCount());
                    slots.release();
                }
            });
        }
        slots.acquire(inFlight); // every batch answered
        return failed.get();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
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
