package io.sinkline.core.offsets;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;

/**
 * One tracked record whose offset may be committed once it is acknowledged.
 *
 * <p>{@link #ack()} is thread-safe and idempotent: the writer's callback thread calls it when the
 * service acknowledged the row, or the error path calls it once the record was handed to the
 * error policy. The record itself is not kept, so tracking costs a few bytes per record.
 */
public final class PendingRecord {

    private final PartitionOffsets partition;
    private final long offset;
    private static final int PENDING = 0;
    private static final int ACKED = 1;
    private static final int FORGOTTEN = 2;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    PendingRecord(PartitionOffsets partition, long offset) {
        this.partition = partition;
        this.offset = offset;
    }

    /** Marks the record done. Calling it again, or after its partition was closed, has no effect. */
    public void ack() {
        if (state.compareAndSet(PENDING, ACKED)) {
            partition.acknowledged();
        }
    }

    public boolean isAcked() {
        return state.get() == ACKED;
    }

    /** Superseded by a redelivery: stops counting as pending. True if it was still pending. */
    boolean markForgotten() {
        return state.compareAndSet(PENDING, FORGOTTEN);
    }

    public TopicPartition topicPartition() {
        return partition.topicPartition();
    }

    public long offset() {
        return offset;
    }

    @Override
    public String toString() {
        return partition.topicPartition() + "@" + offset + (isAcked() ? " (acked)" : " (pending)");
    }
}
