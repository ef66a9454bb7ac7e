package io.sinkline.maxcompute.tunnel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aliyun.odps.Column;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TableTunnel.StreamRecordPack;
import com.aliyun.odps.tunnel.TableTunnel.StreamUploadSession;

import io.sinkline.core.metrics.SinkTaskMetrics;
import io.sinkline.maxcompute.errors.WriteFailures;

/**
 * Streaming Tunnel ({@code use_streaming=true}): one long-lived stream session per table partition;
 * each flush sends the partition's rows as record packs of up to {@code record_batch_size} rows, in
 * parallel. A pack is durable and visible once its flush returns, so its rows are acknowledged
 * then. A failed pack is rebuilt and sent again (at least once: a pack whose answer was lost may
 * land twice). A pack the service refuses for its data lands not at all; {@link RejectedRowFinder}
 * sends its halves again until the refused rows are alone, and those go back to the task for the
 * error policy.
 */
public final class StreamingTunnelWriter implements TableWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingTunnelWriter.class);

    private final TunnelTarget target;
    private final PartitionCreator partitions;
    private final int packSize;
    private final ExecutorService pool;
    private final WriteRetries retries;
    private final SinkTaskMetrics metrics;
    private final Map<String, StreamUploadSession> sessions = new ConcurrentHashMap<>();

    public StreamingTunnelWriter(TunnelTarget target, PartitionCreator partitions, int packSize, ExecutorService pool,
                                 WriteRetries retries, SinkTaskMetrics metrics) {
        this.target = target;
        this.partitions = partitions;
        this.packSize = packSize;
        this.pool = pool;
        this.retries = retries;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<List<RejectedRow>> write(Map<String, List<BufferedRow>> rowsByPartition) {
        List<CompletableFuture<List<RejectedRow>>> all = new ArrayList<>();
        rowsByPartition.forEach((partition, rows) -> {
            for (int from = 0; from < rows.size(); from += packSize) {
                List<BufferedRow> pack = rows.subList(from, Math.min(rows.size(), from + packSize));
                all.add(RejectedRowFinder.write(pack, chunk -> retries.run(
                                "Stream pack of " + chunk.size() + " rows into " + where(partition), chunk.size(),
                                () -> CompletableFuture.runAsync(() -> sendPack(partition, chunk), pool)))
                        .thenApply(rejected -> {
                            WrittenRows.acknowledge(pack, rejected, metrics);
                            return rejected;
                        }));
            }
        });
        return WrittenRows.allOf(all);
    }

    private void sendPack(String partition, List<BufferedRow> rows) {
        long started = System.nanoTime();
        metrics.inFlightRequests(1);
        try {
            StreamUploadSession session = session(partition);
            StreamRecordPack pack = session.newRecordPack(target.compression());
            BufferedRowRecord record = new BufferedRowRecord(session.getSchema().getColumns().toArray(new Column[0]));
            for (BufferedRow row : rows) {
                pack.append(record.show(row));
            }
            pack.flush();
            metrics.batchWritten(rows.size(), System.nanoTime() - started);
        } catch (IOException | OdpsException e) {
            if (!WriteFailures.isDataRejection(e)) {
                // The session may be what broke (expired, moved): the retry opens a new one.
                sessions.remove(partition);
            }
            throw new CompletionException(e);
        } finally {
            metrics.inFlightRequests(-1);
        }
    }

    private StreamUploadSession session(String partition) throws OdpsException {
        StreamUploadSession session = sessions.get(partition);
        if (session != null) {
            return session;
        }
        partitions.ensure(partition);
        TableTunnel.StreamUploadSession.Builder builder = target.tunnel().buildStreamUploadSession(target.project(), target.table());
        if (target.schema() != null) {
            builder.setSchemaName(target.schema());
        }
        if (target.spec(partition) != null) {
            builder.setPartitionSpec(target.spec(partition));
        }
        StreamUploadSession created = builder.build();
        StreamUploadSession raced = sessions.putIfAbsent(partition, created);
        if (raced != null) {
            closeQuietly(created);
            return raced;
        }
        LOG.debug("Opened stream session {} for {}", created.getId(), where(partition));
        return created;
    }

    private String where(String partition) {
        return target.describe() + (partition.isEmpty() ? "" : " partition " + partition);
    }

    private static void closeQuietly(StreamUploadSession session) {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing stream session {} failed", session.getId(), e);
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(StreamingTunnelWriter::closeQuietly);
        sessions.clear();
    }
}
