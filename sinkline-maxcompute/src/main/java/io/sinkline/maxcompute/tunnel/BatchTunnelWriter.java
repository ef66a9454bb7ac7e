package io.sinkline.maxcompute.tunnel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aliyun.odps.Column;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TableTunnel.UploadSession;

import io.sinkline.core.metrics.SinkTaskMetrics;
import io.sinkline.maxcompute.errors.WriteFailures;

/**
 * Batch Tunnel: per flush, ONE upload session per table partition (however many Kafka partitions
 * fed it), its rows cut into blocks of {@code record_batch_size} that the pool uploads in
 * parallel, then one commit. Rows are acknowledged after the commit, the point where they become
 * durable and visible.
 *
 * <p>A failed block is uploaded again under the same block id (the service keeps the last
 * upload of a block); a failed commit whose session turns out closed counts as done; anything else
 * starts the partition over in a new session. Retries follow the task's retry policy. A block the
 * service refuses for its data is never retried as it is: {@link RejectedRowFinder} halves it
 * into new blocks of the same session until the refused rows are alone, and those go back to the
 * task for the error policy while the others are committed.
 *
 * <p>Blocks the task encoded as records arrived ({@link #writeBlocks}) go the same way, one
 * request each; a refused one cannot be halved (its rows are bytes), so it comes back whole and
 * the task reads its records again.
 */
public final class BatchTunnelWriter implements TableWriter, BlockWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchTunnelWriter.class);

    private final TunnelTarget target;
    private final BlockFormat format;
    private final PartitionCreator partitions;
    private final int blockSize;
    private final ExecutorService pool;
    private final WriteRetries retries;
    private final SinkTaskMetrics metrics;

    public BatchTunnelWriter(TunnelTarget target, BlockFormat format, PartitionCreator partitions, int blockSize,
                             ExecutorService pool, WriteRetries retries, SinkTaskMetrics metrics) {
        this.target = target;
        this.format = format;
        this.partitions = partitions;
        this.blockSize = blockSize;
        this.pool = pool;
        this.retries = retries;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<List<RejectedRow>> write(Map<String, List<BufferedRow>> rowsByPartition) {
        List<CompletableFuture<List<RejectedRow>>> all = new ArrayList<>();
        rowsByPartition.forEach((partition, rows) -> all.add(
                retries.run("Batch upload of " + rows.size() + " rows into " + where(partition), rows.size(),
                        () -> uploadOnce(partition, rows))
                        .thenApply(rejected -> {
                            WrittenRows.acknowledge(rows, rejected, metrics);
                            return rejected;
                        })));
        return WrittenRows.allOf(all);
    }

    /**
     * One attempt: a new session, all blocks in parallel, one commit. The rows of a block the
     * service refuses for its data are found by halving it within the same session; the commit
     * names the blocks that landed, and the refused rows are returned (only now, so that an
     * attempt that fails later and starts over reports nothing twice).
     */
    private CompletableFuture<List<RejectedRow>> uploadOnce(String partition, List<BufferedRow> rows) {
        long started = System.nanoTime();
        return inNewSession(partition, (session, ids) -> blocks(rows).stream()
                        .map(block -> RejectedRowFinder.write(block, chunk -> uploadChunk(session, ids, chunk, partition)))
                        .toList())
                .thenApply(rejected -> {
                    metrics.batchWritten(rows.size() - rejected.size(), System.nanoTime() - started);
                    return rejected;
                });
    }

    /**
     * Opens a session, starts the uploads {@code uploads} makes in it (each block under an id taken
     * from the session's {@link SessionBlocks}), and once they all ended commits the blocks that
     * landed; completes with what the uploads refused.
     */
    private <T> CompletableFuture<List<T>> inNewSession(String partition,
            BiFunction<UploadSession, SessionBlocks, List<CompletableFuture<List<T>>>> uploads) {
        return CompletableFuture.supplyAsync(() -> openSession(partition), pool)
                .thenCompose(session -> {
                    SessionBlocks ids = new SessionBlocks();
                    return WrittenRows.allOf(uploads.apply(session, ids)).thenApplyAsync(refused -> {
                        commit(session, ids.writtenIds(), partition);
                        return refused;
                    }, pool);
                });
    }

    @Override
    public CompletableFuture<List<RefusedBlock>> writeBlocks(Map<String, List<EncodedBlock>> blocksByPartition) {
        List<CompletableFuture<List<RefusedBlock>>> all = new ArrayList<>();
        blocksByPartition.forEach((partition, blocks) -> {
            int rows = blocks.stream().mapToInt(EncodedBlock::rows).sum();
            all.add(retries.run("Batch upload of " + rows + " rows into " + where(partition), rows,
                            () -> uploadBlocksOnce(partition, blocks, rows))
                    .thenApply(refused -> {
                        acknowledge(blocks, refused);
                        return refused;
                    }));
        });
        return WrittenRows.allOf(all);
    }

    /** One attempt: a new session, every block in parallel, one commit naming the blocks that landed. */
    private CompletableFuture<List<RefusedBlock>> uploadBlocksOnce(String partition, List<EncodedBlock> blocks, int rows) {
        long started = System.nanoTime();
        return inNewSession(partition, (session, ids) -> blocks.stream()
                        .map(block -> uploadEncoded(session, ids, block, partition))
                        .toList())
                .thenApply(refused -> {
                    metrics.batchWritten(rows - refused.stream().mapToInt(r -> r.block().rows()).sum(),
                            System.nanoTime() - started);
                    return refused;
                });
    }

    /** Sends one encoded block under an id of its own; a refusal of its data comes back as the result. */
    private CompletableFuture<List<RefusedBlock>> uploadEncoded(UploadSession session, SessionBlocks ids,
                                                                EncodedBlock block, String partition) {
        if (block.broken().isPresent()) {
            return CompletableFuture.completedFuture(List.of(new RefusedBlock(block, block.broken().get())));
        }
        if (!format.fits(block, session)) {
            return CompletableFuture.completedFuture(List.of(new RefusedBlock(block,
                    "the upload session encodes DATETIME values differently from the block")));
        }
        long blockId = ids.take();
        return retries.run("Block " + blockId + " of session " + session.getId() + " (" + where(partition) + ")",
                        block.rows(), () -> CompletableFuture.runAsync(() -> sendBlock(session, blockId, block), pool))
                .handle((ok, error) -> {
                    if (error == null) {
                        ids.written(blockId);
                        return List.<RefusedBlock>of();
                    }
                    ids.release(blockId); // a refused block is not staged
                    Throwable cause = WriteRetries.unwrap(error);
                    return WriteFailures.dataRejection(cause)
                            .map(reason -> List.of(new RefusedBlock(block, reason)))
                            .orElseThrow(() -> new CompletionException(cause));
                });
    }

    private void sendBlock(UploadSession session, long blockId, EncodedBlock block) {
        metrics.inFlightRequests(1);
        try {
            session.writeBlock(blockId, block.pack());
        } catch (IOException e) {
            throw new CompletionException(e);
        } finally {
            metrics.inFlightRequests(-1);
        }
    }

    private void acknowledge(List<EncodedBlock> blocks, List<RefusedBlock> refused) {
        int written = 0;
        for (EncodedBlock block : blocks) {
            if (refused.stream().noneMatch(r -> r.block() == block)) {
                block.acknowledge();
                written += block.rows();
            }
        }
        metrics.recordsWritten(written);
    }

    /** Uploads {@code chunk} as one block of its own id, retrying transient failures under the same id. */
    private CompletableFuture<Void> uploadChunk(UploadSession session, SessionBlocks ids, List<BufferedRow> chunk,
                                                String partition) {
        long blockId = ids.take();
        return retries.run("Block " + blockId + " of session " + session.getId() + " (" + where(partition) + ")",
                        chunk.size(), () -> CompletableFuture.runAsync(() -> uploadBlock(session, blockId, chunk), pool))
                .whenComplete((ok, error) -> {
                    if (error == null) {
                        ids.written(blockId);
                    } else {
                        ids.release(blockId); // a refused block is not staged
                    }
                });
    }

    private UploadSession openSession(String partition) {
        try {
            partitions.ensure(partition);
            PartitionSpec spec = target.spec(partition);
            TableTunnel tunnel = target.tunnel();
            String schema = target.schema() == null ? target.odps().getCurrentSchema() : target.schema();
            return spec == null
                    ? tunnel.createUploadSession(target.project(), schema, target.table(), false)
                    : tunnel.createUploadSession(target.project(), schema, target.table(), spec, false);
        } catch (OdpsException e) {
            throw new CompletionException(e);
        }
    }

    private void uploadBlock(UploadSession session, long blockId, List<BufferedRow> block) {
        metrics.inFlightRequests(1);
        try (RecordWriter writer = session.openRecordWriter(blockId, target.compression())) {
            BufferedRowRecord record = new BufferedRowRecord(session.getSchema().getColumns().toArray(new Column[0]));
            for (BufferedRow row : block) {
                writer.write(record.show(row));
            }
        } catch (IOException | OdpsException e) {
            throw new CompletionException(e);
        } finally {
            metrics.inFlightRequests(-1);
        }
    }

    private void commit(UploadSession session, Long[] ids, String partition) {
        if (ids.length == 0) {
            return; // every row was refused: nothing to commit, the session expires on the service
        }
        try {
            session.commit(ids);
        } catch (IOException | OdpsException e) {
            if (committedAnyway(session)) {
                LOG.info("Commit of session {} ({}) reported {}, but the session is closed: its rows are in",
                        session.getId(), where(partition), e.toString());
                return;
            }
            throw new CompletionException(e);
        }
    }

    /** A commit whose answer was lost may have gone through: the session is then closed. */
    private static boolean committedAnyway(UploadSession session) {
        try {
            return session.getStatus() == TableTunnel.UploadStatus.CLOSED;
        } catch (IOException | OdpsException | RuntimeException unknown) {
            return false;
        }
    }

    private List<List<BufferedRow>> blocks(List<BufferedRow> rows) {
        List<List<BufferedRow>> blocks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += blockSize) {
            blocks.add(rows.subList(from, Math.min(rows.size(), from + blockSize)));
        }
        return blocks;
    }

    private String where(String partition) {
        return target.describe() + (partition.isEmpty() ? "" : " partition " + partition);
    }

    @Override
    public void close() {
        // Upload sessions end with their commit; an uncommitted one expires on the service.
    }
}
