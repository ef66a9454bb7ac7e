package io.sinkline.core.offsets;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;

/**
 * The tracked records of one partition, in arrival order, and the offset that is safe to commit.
 *
 * <p>{@code track} and {@code drain} run under this object's lock; {@code acknowledged} only
 * touches an atomic counter, so acks from writer threads never wait for {@code put()}.
 */
final class PartitionOffsets {

    private final TopicPartition topicPartition;
    private final ArrayDeque<PendingRecord> inOrder = new ArrayDeque<>();
    private final AtomicInteger unacked = new AtomicInteger();
    /** The offset after the last record of the acknowledged prefix; -1 until one record is done. */
    private long committable = -1;

    PartitionOffsets(TopicPartition topicPartition) {
        this.topicPartition = topicPartition;
    }

    TopicPartition topicPartition() {
        return topicPartition;
    }

    synchronized PendingRecord track(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("A tracked record needs an offset, got " + offset + " on " + topicPartition);
        }
        dropSupersededFrom(offset);
        PendingRecord pending = new PendingRecord(this, offset);
        inOrder.addLast(pending);
        unacked.incrementAndGet();
        drainAckedPrefix(); // amortised, so a long run of put() without preCommit stays small
        return pending;
    }

    /**
     * Kafka redelivers records after a rewind (a retriable put(), or the task seeking back): the
     * entries at or after the rewound offset are superseded by the new deliveries, so they stop
     * counting. Offsets already committable stay so: those rows were acknowledged.
     */
    private void dropSupersededFrom(long offset) {
        PendingRecord last = inOrder.peekLast();
        if (last == null || last.offset() < offset) {
            return;
        }
        Iterator<PendingRecord> newestFirst = inOrder.descendingIterator();
        while (newestFirst.hasNext()) {
            PendingRecord old = newestFirst.next();
            if (old.offset() < offset) {
                break;
            }
            newestFirst.remove();
            forget(old);
        }
    }

    void acknowledged() {
        unacked.decrementAndGet();
    }

    synchronized OptionalLong committableOffset() {
        drainAckedPrefix();
        return committable < 0 ? OptionalLong.empty() : OptionalLong.of(committable);
    }

    private void drainAckedPrefix() {
        PendingRecord head;
        while ((head = inOrder.peekFirst()) != null && head.isAcked()) {
            inOrder.pollFirst();
            committable = Math.max(committable, head.offset() + 1);
        }
    }

    /** A superseded or dropped record no longer counts as pending, whether or not it gets acked later. */
    private void forget(PendingRecord record) {
        if (record.markForgotten()) {
            unacked.decrementAndGet();
        }
    }

    int pendingCount() {
        return unacked.get();
    }

    /** The offsets at or after {@code from} whose records are acknowledged, ascending. */
    synchronized long[] ackedFrom(long from) {
        long[] acked = new long[inOrder.size()];
        int count = 0;
        for (PendingRecord record : inOrder) {
            if (record.offset() >= from && record.isAcked()) {
                acked[count++] = record.offset();
            }
        }
        return Arrays.copyOf(acked, count);
    }

    /** Drops the partition's state (it was revoked); returns how many records were still pending. */
    synchronized int close() {
        int dropped = pendingCount();
        inOrder.clear();
        return dropped;
    }
}
