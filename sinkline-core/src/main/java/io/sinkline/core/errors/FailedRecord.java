package io.sinkline.core.errors;

import java.util.Objects;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record that could not be written, with a reason a person can act on
 * (e.g. "primary key column 'id' is missing from the value") and the underlying cause, if any.
 */
public record FailedRecord(SinkRecord record, String reason, Throwable cause) {

    public FailedRecord {
        Objects.requireNonNull(record, "record");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a failed record needs a reason");
        }
    }

    public FailedRecord(SinkRecord record, String reason) {
        this(record, reason, null);
    }

    /** {@code topic-partition@offset} of the record as Kafka delivered it (before transformations). */
    public String coordinates() {
        return record.originalTopic() + "-" + record.originalKafkaPartition() + "@" + record.originalKafkaOffset();
    }

    /** The reason and cause as one exception, for reporters that take a Throwable. */
    public Throwable asThrowable() {
        return new RecordFailedException(this);
    }

    @Override
    public String toString() {
        return coordinates() + ": " + reason + (cause == null ? "" : " (" + cause + ")");
    }
}
