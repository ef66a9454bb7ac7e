package io.sinkline.core.offsets;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.apache.kafka.common.TopicPartition;

/**
 * One tracked record whose offset may be committed once it is acknowledged.
 *
 * <p>{@link #ack()} is thread-safe and idempotent: the writer's callback thread calls it when the
 * service acknowledged the row, or the error path calls it once the record was handed to the
 * error policy. The record itself is not kept, so tracking costs a few bytes per record.
 */
public final class PendingRecord {

    private static final int PENDING = 0;
    private static final int ACKED = 1;
    private static final int FORGOTTEN = 2;
    /** A field updater instead of an AtomicInteger: one object less per tracked record. */
    private static final AtomicIntegerFieldUpdater<PendingRecord> STATE =
            AtomicIntegerFieldUpdater.newUpdater(PendingRecord.class, "state");

    private final PartitionOffsets partition;
    private final long offset;
    private volatile int state = PENDING;

    PendingRecord(PartitionOffsets partition, long offset) {
        this.partition = partition;
        this.offset = offset;
    }

    /** Marks the record done. Calling it again, or after its partition was closed, has no effect. */
    public void ack() {
        if (STATE.compareAndSet(this, PENDING, ACKED)) {
            partition.acknowledged();
        }
    }

    public boolean isAcked() {
        return state == ACKED;
    }

    /** Superseded by a redelivery: stops counting as pending. True if it was still pending. */
    boolean markForgotten() {
        return STATE.compareAndSet(this, PENDING, FORGOTTEN);
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
