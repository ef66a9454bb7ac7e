package io.sinkline.maxcompute.format;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aliyun.odps.OdpsType;
import com.aliyun.odps.data.ArrayRecord;

/**
 * Builds the rows of one formatter, one at a time, on the task thread. Values are set through one
 * reusable {@link ArrayRecord}, so each goes through the SDK's own checks and conversions, and
 * leave as a plain array in table order. A new {@code ArrayRecord} per row would also build its
 * own column-name map, which cost more than the rest of formatting a row.
 */
final class RowBuilder {

    private final TableLayout layout;
    private final ArrayRecord scratch;
    private final boolean intPartition;

    RowBuilder(TableLayout layout) {
        this.layout = layout;
        this.scratch = new ArrayRecord(layout.columns());
        this.intPartition = layout.columns()[layout.partitionIndex()].getTypeInfo().getOdpsType() == OdpsType.INT;
    }

    /** Starts the row of {@code record} with its fixed topic / partition / offset columns filled. */
    ArrayRecord start(SinkRecord record) {
        scratch.clear();
        scratch.setString(layout.topicIndex(), record.topic());
        Integer partition = record.kafkaPartition();
        if (intPartition) {
            scratch.set(layout.partitionIndex(), partition);
        } else {
            scratch.setBigint(layout.partitionIndex(), partition == null ? null : partition.longValue());
        }
        scratch.setBigint(layout.offsetIndex(), record.kafkaOffset());
        return scratch;
    }

    /** The values of the row started last, as a copy the caller keeps. */
    Object[] finish() {
        return scratch.toArray().clone();
    }
}
