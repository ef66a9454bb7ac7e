package io.sinkline.core.errors;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/** Test records. */
final class Records {

    private Records() {
    }

    static SinkRecord stringRecord(String topic, int partition, long offset, String key, String value) {
        return new SinkRecord(topic, partition, Schema.STRING_SCHEMA, key, Schema.STRING_SCHEMA, value, offset);
    }
}
