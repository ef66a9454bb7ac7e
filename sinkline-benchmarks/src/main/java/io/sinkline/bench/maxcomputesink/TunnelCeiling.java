package io.sinkline.bench.maxcomputesink;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.tunnel.TableTunnel;
import io.sinkline.bench.sink.SampleRecords;
import io.sinkline.bench.sink.SampleTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The raw SDK ceiling: one batch Tunnel upload session for the target partition, the records cut
 * into blocks of {@code batch-rows} that a pool uploads in parallel, then one commit. The
 * partition is created inside the clock, as the connector creates its own.
 */
final class TunnelCeiling {

    private final Odps odps;
    private final TableTunnel tunnel;
    private final TunnelSettings settings;

    TunnelCeiling(Odps odps, TableTunnel tunnel, TunnelSettings settings) {
        this.odps = odps;
        this.tunnel = tunnel;
        this.settings = settings;
    }

    void write(String table, String partition, SampleTopic topic, int records, int threads) throws Exception {
        PartitionSpec spec = new PartitionSpec("pt='" + partition + "'");
        odps.tables().get(table).createPartition(spec, true);
        TableTunnel.UploadSession session = tunnel.createUploadSession(odps.getDefaultProject(), table, spec);
        int blocks = (records + settings.batchRows() - 1) / settings.batchRows();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                long block = b;
                uploads.add(pool.submit(() -> {
                    upload(session, block, topic, block * settings.batchRows(),
                            Math.min(records, (block + 1) * settings.batchRows()));
                    return null;
                }));
            }
            for (Future<?> upload : uploads) {
                upload.get();
            }
        } finally {
            pool.shutdown();
        }
        Long[] ids = new Long[blocks];
        for (int b = 0; b < blocks; b++) {
            ids[b] = (long) b;
        }
        session.commit(ids);
    }

    private void upload(TableTunnel.UploadSession session, long blockId, SampleTopic topic, long from, long to)
            throws Exception {
        try (RecordWriter writer = session.openRecordWriter(blockId, settings.compression().option())) {
            for (long i = from; i < to; i++) {
                writer.write(record(session.newRecord(), topic, i));
            }
        }
    }

    private static Record record(Record record, SampleTopic topic, long index) {
        record.setString(0, topic.name());
        record.setBigint(1, (long) topic.partitionOf(index));
        record.setBigint(2, topic.offsetOf(index));
        Object[] values = SampleRecords.values(index);
        for (int f = 0; f < values.length; f++) {
            record.set(3 + f, values[f]);
        }
        return record;
    }
}
