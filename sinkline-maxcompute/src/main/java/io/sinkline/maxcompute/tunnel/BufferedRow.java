package io.sinkline.maxcompute.tunnel;

import com.aliyun.odps.data.ArrayRecord;

import io.sinkline.core.offsets.PendingRecord;

/** A formatted row waiting in the buffer, with the handle that acknowledges its Kafka record once durable. */
public record BufferedRow(ArrayRecord row, PendingRecord pending, long sizeBytes) {

    /** A rough size of the row in memory, enough to bound the buffer. */
    public static long estimateSize(ArrayRecord row) {
        long size = 32;
        for (Object value : row.toArray()) {
            if (value instanceof String s) {
                size += 40 + 2L * s.length();
            } else if (value instanceof byte[] b) {
                size += 16 + b.length;
            } else if (value != null) {
                size += value instanceof CharSequence || value instanceof com.aliyun.odps.data.JsonValue
                        || value instanceof com.aliyun.odps.data.Binary ? 40 + 2L * value.toString().length() : 24;
            } else {
                size += 8;
            }
        }
        return size;
    }
}
