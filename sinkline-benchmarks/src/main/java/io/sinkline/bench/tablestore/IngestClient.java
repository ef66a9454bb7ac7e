package io.sinkline.bench.tablestore;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.BatchWriteRowResponse;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RowPutChange;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's load: BatchWriteRow through the SDK's AsyncClient, 200-row batches of 10 small
 * columns (5 integers, 5 short strings), a bounded number of batches in flight. Also runnable as
 * its own JVM, so the emulator's process holds only the emulator: it then announces each round on
 * stdout ({@code round-start}, {@code round-end <rows> <failed>}) for the emulator's side to measure.
 */
final class IngestClient {
    static final String TABLE = "bench";
    static final int BATCH = 200;
    static final int COLUMNS = 10;

    private IngestClient() {
    }

    /** Arguments: {@code endpoint accessKeyId accessKeySecret instance rows inFlight rounds}. */
    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[4]);
        int inFlight = Integer.parseInt(args[5]);
        int rounds = Integer.parseInt(args[6]);
        AsyncClient client = open(args[0], args[1], args[2], args[3], inFlight);
        warmUp(client, rows, inFlight);
        long cpuStart = processCpuNanos();
        for (int r = 0, done = 0; r < rounds; r++) {
            int n = roundRows(rows, rounds, r, done);
            System.out.println("round-start");
            long failed = write(client, done, n, inFlight);
            System.out.println("round-end " + n + " " + failed);
            done += n;
        }
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        client.shutdown();
        System.out.printf("client JVM: %.2f CPU-s per million rows (SDK client, its GC and JIT)%n", cpuSeconds / (rows / 1e6));
    }

    static AsyncClient open(String endpoint, String accessKeyId, String accessKeySecret, String instance, int inFlight) {
        ClientConfiguration conf = new ClientConfiguration();
        conf.setMaxConnections(inFlight * 2);
        return new AsyncClient(endpoint, accessKeyId, accessKeySecret, instance, conf);
    }

    /** A tenth of the rows (at most 100k), with negative sequence numbers: kept apart from the measured rows. */
    static void warmUp(AsyncClient client, int rows, int inFlight) throws Exception {
        int n = Math.min(rows / 10, 100_000);
        write(client, -n - 1, n, inFlight);
    }

    /** How many of {@code rows} the round {@code r} of {@code rounds} writes, {@code done} being written already. */
    static int roundRows(int rows, int rounds, int r, int done) {
        return (int) ((long) rows * (r + 1) / rounds) - done;
    }

    /** Writes rows {@code firstSeq ..} and waits for every batch; returns the rows that failed. */
    static long write(AsyncClient client, long firstSeq, int rows, int inFlight) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong failed = new AtomicLong();
        for (int offset = 0; offset < rows; offset += BATCH) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            for (int i = offset; i < Math.min(rows, offset + BATCH); i++) {
                long seq = firstSeq + i;
                RowPutChange put = new RowPutChange(TABLE, PrimaryKeyBuilder.createPrimaryKeyBuilder()
                        .addPrimaryKeyColumn("pk", PrimaryKeyValue.fromString("p" + (seq % 64)))
                        .addPrimaryKeyColumn("seq", PrimaryKeyValue.fromLong(seq)).build());
                for (int c = 0; c < COLUMNS; c++) {
                    put.addColumn("c" + c, c % 2 == 0 ? ColumnValue.fromLong(seq + c) : ColumnValue.fromString("v" + c));
                }
                req.addRowChange(put);
            }
            slots.acquire();
            client.batchWriteRow(req, new TableStoreCallback<>() {
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

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
