package io.sinkline.maxcompute.tunnel;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

import com.aliyun.odps.TableSchema;
import com.aliyun.odps.tunnel.io.CompressOption;

import io.sinkline.core.offsets.PendingRecord;

/**
 * Rows of ONE Kafka partition bound for one table partition, encoded as they arrive into a batch
 * Tunnel block ({@link EncodedRecordPack}, compressed as it will be sent), with the handles that
 * acknowledge their records.
 *
 * <p>A row held this way costs its encoded bytes and one handle, instead of a graph of value
 * objects plus the {@code SinkRecord}, which the garbage collector copied at every young
 * collection until the upload ended (a third of the connector's CPU in the benchmark). The records
 * themselves are not kept: if the service refuses the block, the task reads them again from Kafka
 * (one Kafka partition per block, so a rewind concerns only that partition).
 */
public final class EncodedBlock {

    private final TopicPartition kafkaPartition;
    private final EncodedRecordPack pack;
    private final boolean dateTransform;
    private PendingRecord[] pending = new PendingRecord[64];
    private int rows;
    /** Why the block is not sent: a row failed to encode (its record is read again with the others). */
    private String broken;

    EncodedBlock(TopicPartition kafkaPartition, TableSchema schema, CompressOption compression, boolean dateTransform)
            throws IOException {
        this.kafkaPartition = kafkaPartition;
        this.dateTransform = dateTransform;
        this.pack = new EncodedRecordPack(schema, compression);
        this.pack.setTransform(dateTransform);
    }

    /**
     * Encodes {@code row} and takes its handle. The handle is kept even when encoding fails, so the
     * record is read again with the rest of the block; the block then takes no more rows.
     *
     * @return false if the block is broken (now or before) and must not be sent
     */
    boolean append(Object[] row, PendingRecord handle) {
        if (rows == pending.length) {
            pending = Arrays.copyOf(pending, rows * 2);
        }
        pending[rows++] = handle;
        if (broken != null) {
            return false;
        }
        try {
            pack.append(row);
            return true;
        } catch (IOException | RuntimeException e) {
            broken = "encoding a row failed: " + e;
            return false;
        }
    }

    public TopicPartition kafkaPartition() {
        return kafkaPartition;
    }

    public int rows() {
        return rows;
    }

    /** The encoded bytes so far plus the handles: what the block holds in memory. */
    public long bytes() {
        return pack.getTotalBytes() + 48L * rows;
    }

    EncodedRecordPack pack() {
        return pack;
    }

    boolean dateTransform() {
        return dateTransform;
    }

    public Optional<String> broken() {
        return Optional.ofNullable(broken);
    }

    /** The smallest and largest offset of the block's records. */
    public long firstOffset() {
        return pending[0].offset();
    }

    public long lastOffset() {
        return pending[rows - 1].offset();
    }

    /** Acknowledges every record of the block: its rows are durable (called by the block's writer). */
    public void acknowledge() {
        for (int i = 0; i < rows; i++) {
            pending[i].ack();
        }
    }

    /** Frees the compressor of a block that will not be sent. */
    void discard() {
        pack.discard();
    }
}
