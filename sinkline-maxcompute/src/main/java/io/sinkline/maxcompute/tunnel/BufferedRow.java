package io.sinkline.maxcompute.tunnel;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.JsonValue;

import io.sinkline.core.offsets.PendingRecord;

/**
 * A formatted row waiting in the buffer: its column values in table order, the handle that
 * acknowledges its Kafka record once durable, and the record itself, which goes to the error
 * policy if the service refuses the row (a reference to what the consumer already holds, not a copy).
 */
public record BufferedRow(Object[] values, PendingRecord pending, long sizeBytes, SinkRecord record) {

    public BufferedRow(Object[] values, PendingRecord pending, SinkRecord record) {
        this(values, pending, estimateSize(values) + retainedSize(record), record);
    }

    /** The record is kept until its row is durable, so its key and value count against the buffer too. */
    static long retainedSize(SinkRecord record) {
        return 120 + partSize(record.key()) + partSize(record.value());
    }

    private static long partSize(Object part) {
        if (part instanceof String s) {
            return 40 + 2L * s.length();
        }
        if (part instanceof byte[] b) {
            return 16 + b.length;
        }
        return part == null ? 0 : 64; // structured values: a rough floor, they are rare with this connector
    }

    /** A rough size of the row in memory, enough to bound the buffer. */
    static long estimateSize(Object[] values) {
        long size = 32 + 8L * values.length;
        for (Object value : values) {
            if (value == null) {
                continue;
            }
            if (value instanceof String s) {
                size += 40 + 2L * s.length();
            } else if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
                size += 24;
            } else if (value instanceof byte[] b) {
                size += 16 + b.length;
            } else if (value instanceof CharSequence || value instanceof JsonValue || value instanceof Binary) {
                size += 40 + 2L * value.toString().length();
            } else {
                size += 24;
            }
        }
        return size;
    }
}
