package io.sinkline.maxcompute.tunnel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.kafka.common.TopicPartition;

import com.aliyun.odps.Column;
import com.aliyun.odps.OdpsType;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.tunnel.TableTunnel.UploadSession;
import com.aliyun.odps.tunnel.io.CompressOption;

/**
 * How a task encodes batch Tunnel blocks before any upload session exists: the table's data
 * columns, the compression, the rows per block, and the session's DATETIME encoding.
 *
 * <p>An upload session says whether DATETIME values are sent in the local calendar
 * ({@code odps-tunnel-date-transform}); a block must be encoded the way its session expects. The
 * task learns it from its sessions: a block encoded before the task knew, and now encoded the
 * other way, is sent back as refused (its records are read again and written row by row). Tables
 * without DATETIME columns encode the same either way.
 */
public final class BlockFormat {

    private final TableSchema schema;
    private final CompressOption compression;
    private final int rowsPerBlock;
    private final boolean hasDatetime;
    private volatile boolean dateTransform;

    public BlockFormat(List<Column> dataColumns, CompressOption compression, int rowsPerBlock) {
        this.schema = new TableSchema();
        dataColumns.forEach(schema::addColumn);
        this.compression = compression;
        this.rowsPerBlock = rowsPerBlock;
        this.hasDatetime = dataColumns.stream().anyMatch(c -> c.getTypeInfo().getOdpsType() == OdpsType.DATETIME);
    }

    public int rowsPerBlock() {
        return rowsPerBlock;
    }

    EncodedBlock newBlock(TopicPartition kafkaPartition) {
        try {
            return new EncodedBlock(kafkaPartition, schema, compression, dateTransform);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a Tunnel block", e);
        }
    }

    /**
     * Whether {@code block} can be sent in {@code session} as encoded; learns the session's DATETIME
     * encoding for the blocks that come next.
     */
    boolean fits(EncodedBlock block, UploadSession session) {
        boolean expected = session.isShouldTransform();
        dateTransform = expected;
        if (!hasDatetime) {
            block.pack().setTransform(expected); // no DATETIME value was encoded: only the SDK's consistency check reads it
            return true;
        }
        return block.dateTransform() == expected;
    }
}
