package io.sinkline.maxcompute.format;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aliyun.odps.data.ArrayRecord;

import io.sinkline.maxcompute.config.RecordMode;

/**
 * TEXT, BINARY and JSON: the key and/or the value, whole, into the {@code key} / {@code value}
 * columns; the part the mode does not write stays NULL (seed 003: "because mode is VALUE, the key
 * column is NULL"). A null key or value (a tombstone) is written as NULL.
 */
final class KeyValueRowFormatter implements RowFormatter {

    private final TableLayout layout;
    private final RecordMode mode;
    private final PartEncoding encoding;
    private final RowBuilder rows;

    KeyValueRowFormatter(TableLayout layout, RecordMode mode, PartEncoding encoding) {
        this.layout = layout;
        this.mode = mode;
        this.encoding = encoding;
        this.rows = new RowBuilder(layout);
    }

    @Override
    public Object[] format(SinkRecord record) {
        ArrayRecord row = rows.start(record);
        if (mode.writesKey() && record.key() != null) {
            encoding.write(row, layout.keyIndex(), record.key(), "key");
        }
        if (mode.writesValue() && record.value() != null) {
            encoding.write(row, layout.valueIndex(), record.value(), "value");
        }
        return rows.finish();
    }
}
