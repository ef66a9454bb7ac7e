package io.sinkline.bench.maxcompute;

import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.io.CompressOption;

import io.sinkline.emulator.maxcompute.MaxComputeEmulator;
import io.sinkline.emulator.maxcompute.MaxComputeEmulatorOptions;

/**
 * Batch-Tunnel and stream-Tunnel upload throughput into the MaxCompute emulator through odps-sdk-core:
 * 10-column rows (BIGINT, STRING, DOUBLE, BOOLEAN, DATETIME), deflate, one partition, in memory.
 * Each mode runs once to warm up, then is measured from session creation to commit (batch) or to the
 * last flush (stream), and checked with a count(*) so rows that did not land cannot count. {@code writers}
 * threads write blocks (batch) or record packs (stream) of the same session concurrently, as the sink's writer
 * pool does. Next to wall-clock rows/s it prints the CPU seconds the whole process (SDK client and emulator)
 * spent per mode, which says how much work a row costs even when other processes share the cores.
 *
 * <p>Arguments: {@code [rows=1000000] [writers=2] [blockRows=100000] [packRows=10000]}.
 */
public final class TunnelThroughputBenchmark {

    private TunnelThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int blockRows = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int packRows = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        try (MaxComputeEmulator mc = MaxComputeEmulator.start(MaxComputeEmulatorOptions.builder().build())) {
            Odps odps = new Odps(new AliyunAccount(mc.accessKeyId(), mc.accessKeySecret()));
            odps.setEndpoint(mc.endpoint());
            odps.setDefaultProject(mc.project());
            TableTunnel tunnel = new TableTunnel(odps);
            tunnel.setEndpoint(mc.tunnelEndpoint());
            sql(odps, "CREATE TABLE bench (id BIGINT, topic STRING, part BIGINT, off BIGINT, k STRING, v STRING,"
                    + " score DOUBLE, ratio DOUBLE, ok BOOLEAN, ts DATETIME) PARTITIONED BY (pt STRING);");

            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                batch(odps, tunnel, pool, writers, "warmup-batch", Math.max(rows / 10, 1), blockRows);
                long cpu0 = processCpuNanos();
                double batchSeconds = batch(odps, tunnel, pool, writers, "batch", rows, blockRows);
                double batchCpu = (processCpuNanos() - cpu0) / 1e9;
                stream(odps, tunnel, pool, writers, "warmup-stream", Math.max(rows / 10, 1), packRows);
                long cpu1 = processCpuNanos();
                double streamSeconds = stream(odps, tunnel, pool, writers, "stream", rows, packRows);
                double streamCpu = (processCpuNanos() - cpu1) / 1e9;

                System.out.printf(Locale.ROOT, "%-14s %8s %12s %10s %14s %10s%n", "mode", "writers", "rows", "seconds",
                        "rows/s", "cpu-s");
                System.out.printf(Locale.ROOT, "%-14s %8d %12d %10.2f %14.0f %10.2f%n", "batch tunnel", writers, rows,
                        batchSeconds, rows / batchSeconds, batchCpu);
                System.out.printf(Locale.ROOT, "%-14s %8d %12d %10.2f %14.0f %10.2f%n", "stream tunnel", writers, rows,
                        streamSeconds, rows / streamSeconds, streamCpu);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static double batch(Odps odps, TableTunnel tunnel, ExecutorService pool, int writers, String pt, long rows,
                                int blockRows) throws Exception {
        PartitionSpec spec = new PartitionSpec("pt='" + pt + "'");
        odps.tables().get("bench").createPartition(spec, true);
        long start = System.nanoTime();
        TableTunnel.UploadSession session = tunnel.createUploadSession(odps.getDefaultProject(), "bench", spec);
        CompressOption deflate = new CompressOption(CompressOption.CompressAlgorithm.ODPS_ZLIB, 1, 0);
        long blocks = (rows + blockRows - 1) / blockRows;
        AtomicLong nextBlock = new AtomicLong();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            done.add(pool.submit(() -> {
                Record r = session.newRecord();
                for (long block = nextBlock.getAndIncrement(); block < blocks; block = nextBlock.getAndIncrement()) {
                    try (RecordWriter w = session.openRecordWriter(block, deflate)) {
                        for (long i = block * blockRows; i < Math.min(rows, (block + 1) * blockRows); i++) {
                            fill(r, i);
                            w.write(r);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        session.commit();
        double seconds = (System.nanoTime() - start) / 1e9;
        check(odps, pt, rows);
        return seconds;
    }

    private static double stream(Odps odps, TableTunnel tunnel, ExecutorService pool, int writers, String pt, long rows,
                                 int packRows) throws Exception {
        PartitionSpec spec = new PartitionSpec("pt='" + pt + "'");
        long start = System.nanoTime();
        TableTunnel.StreamUploadSession session = tunnel.buildStreamUploadSession(odps.getDefaultProject(), "bench")
                .setPartitionSpec(spec).setCreatePartition(true).build();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            long from = rows * t / writers;
            long to = rows * (t + 1) / writers;
            done.add(pool.submit(() -> {
                TableTunnel.StreamRecordPack pack = session.newRecordPack(
                        new CompressOption(CompressOption.CompressAlgorithm.ODPS_ZLIB, 1, 0));
                Record r = session.newRecord();
                for (long i = from; i < to; i++) {
                    fill(r, i);
                    pack.append(r);
                    if (pack.getRecordCount() >= packRows) {
                        pack.flush();
                    }
                }
                if (pack.getRecordCount() > 0) {
                    pack.flush();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(odps, pt, rows);
        return seconds;
    }

    private static final ZonedDateTime BASE = ZonedDateTime.parse("2024-01-01T00:00:00+08:00");

    private static void fill(Record r, long i) {
        r.setBigint(0, i);
        r.setString(1, "bench-topic");
        r.setBigint(2, i % 12);
        r.setBigint(3, i);
        r.setString(4, "key-" + (i % 1000));
        r.setString(5, "{\"id\":" + i + ",\"name\":\"value-" + i + "\"}");
        r.setDouble(6, i * 0.5);
        r.setDouble(7, 1.0 / (i + 1));
        r.setBoolean(8, (i & 1) == 0);
        r.set(9, BASE.plusSeconds(i));
    }

    private static void check(Odps odps, String pt, long rows) throws Exception {
        Instance i = SQLTask.run(odps, "select count(*) from bench where pt = '" + pt + "';");
        i.waitForSuccess();
        long landed = Long.parseLong(SQLTask.getResult(i).get(0).getString(0));
        if (landed != rows) {
            throw new IllegalStateException(pt + ": " + landed + " rows landed, " + rows + " expected");
        }
    }

    /** CPU time of this process (the SDK client and the emulator), including the final count(*) check. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void sql(Odps odps, String script) throws Exception {
        SQLTask.run(odps, script).waitForSuccess();
    }
}
