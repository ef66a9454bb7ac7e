package io.sinkline.maxcompute.format;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aliyun.odps.OdpsType;
import com.aliyun.odps.data.ArrayRecord;

/**
 * Builds the rows of one formatter, one at a time, on the task thread. Values are set through one
 * reusable {@link ArrayRecord}, so each goes through the SDK's own checks and conversions, and
 * leave as a plain array in table order. A new {@code ArrayRecord} per row would also build its
 * own column-name map, which cost more than the rest of formatting a row.
 *
 * <p>Values already of their column's Java type (the fixed columns, and what {@link FlatObjectText}
 * reads) are put into the row directly by the {@code put} methods, which make the one check the
 * SDK makes for such a value themselves or leave the value to the SDK when it could fail it: the
 * SDK's set cost about 0.3 us per benchmark record, a twelfth of the task thread's time.
 */
final class RowBuilder {

    /**
     * Strings up to this length are put without the SDK's size check: they are far below its
     * limit (8 MB by default, counted as up to 6 UTF-8 bytes per char). Longer ones go through it.
     */
    static final int LONGEST_UNCHECKED_STRING = 1 << 16;

    private final TableLayout layout;
    private final ArrayRecord scratch;
    /** The scratch record's own values: {@link ArrayRecord#toArray()} returns its array, not a copy. */
    private final Object[] values;
    private final boolean intPartition;

    RowBuilder(TableLayout layout) {
        this.layout = layout;
        this.scratch = new ArrayRecord(layout.columns());
        this.values = scratch.toArray();
        this.intPartition = layout.columns()[layout.partitionIndex()].getTypeInfo().getOdpsType() == OdpsType.INT;
    }

    /**
     * Starts the row of {@code record} with its fixed topic / partition / offset columns filled.
     * Other values are set through the returned record (the SDK checks them) or put directly.
     */
    ArrayRecord start(SinkRecord record) {
        scratch.clear();
        putString(layout.topicIndex(), record.topic());
        Integer partition = record.kafkaPartition();
        values[layout.partitionIndex()] = partition == null || intPartition ? partition : (Object) partition.longValue();
        putBigint(layout.offsetIndex(), record.kafkaOffset());
        return scratch;
    }

    /** Puts a value into a STRING column. */
    void putString(int column, String value) {
        if (value != null && value.length() > LONGEST_UNCHECKED_STRING) {
            scratch.setString(column, value);
        } else {
            values[column] = value;
        }
    }

    /** Puts a value into a BIGINT column (the SDK refuses only {@link Long#MIN_VALUE}, with its own message). */
    void putBigint(int column, long value) {
        if (value == Long.MIN_VALUE) {
            scratch.setBigint(column, value);
        } else {
            values[column] = value;
        }
    }

    /** Puts a value into a DOUBLE column. */
    void putDouble(int column, double value) {
        values[column] = value;
    }

    /** Puts a value into a BOOLEAN column. */
    void putBoolean(int column, boolean value) {
        values[column] = value;
    }

    /** Puts NULL into any column. */
    void putNull(int column) {
        values[column] = null;
    }

    /** The values of the row started last, as a copy the caller keeps. */
    Object[] finish() {
        return values.clone();
    }
}
