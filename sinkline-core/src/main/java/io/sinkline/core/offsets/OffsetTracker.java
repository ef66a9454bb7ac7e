package io.sinkline.core.offsets;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns per-record acknowledgements into offsets that are safe to commit (at least once).
 *
 * <p>One tracker per task; nothing is static. {@link #track} is called from {@code put()} in
 * arrival order; {@link PendingRecord#ack()} from any thread, in any order. For each partition,
 * {@link #committableOffsets()} returns the offset after the last record of the contiguous
 * acknowledged prefix, so a record that is not yet durable holds back every record after it.
 *
 * <p>Offsets come from {@link SinkRecord#originalKafkaPartition()} / {@code originalKafkaOffset()}:
 * those are what Connect commits, even when a transformation rewrote the topic or partition.
 */
public final class OffsetTracker {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetTracker.class);
    private static final long SETTLE_POLL_MILLIS = 5;

    private final Map<TopicPartition, PartitionOffsets> partitions = new ConcurrentHashMap<>();
    /**
     * The partition of the last tracked record: put() gets runs of records of one partition, so
     * most records find their state here without a TopicPartition and a map lookup each.
     * Dropped whenever partitions are opened or closed.
     */
    private volatile LastPartition last;

    /** Registers a record, in arrival order for its partition, and returns its handle. */
    public PendingRecord track(SinkRecord record) {
        String topic = record.originalTopic();
        int partition = record.originalKafkaPartition();
        LastPartition cached = last;
        if (cached == null || cached.partition() != partition || !cached.topic().equals(topic)) {
            TopicPartition tp = new TopicPartition(topic, partition);
            cached = new LastPartition(topic, partition, partitions.computeIfAbsent(tp, PartitionOffsets::new));
            last = cached;
        }
        return cached.state().track(record.originalKafkaOffset());
    }

    /** Immutable, so a thread sees a whole entry or none. */
    private record LastPartition(String topic, int partition, PartitionOffsets state) {
    }

    /** As {@link #track(SinkRecord)}, for callers that have only the coordinates. */
    public PendingRecord track(TopicPartition topicPartition, long offset) {
        return partitions.computeIfAbsent(topicPartition, PartitionOffsets::new).track(offset);
    }

    /**
     * For {@code preCommit()}: per open partition with progress, the offset after the last record
     * of its acknowledged prefix. Partitions with nothing acknowledged yet are left out, so Connect
     * keeps their committed offset.
     */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        partitions.forEach((tp, state) -> {
            OptionalLong offset = state.committableOffset();
            if (offset.isPresent()) {
                safe.put(tp, new OffsetAndMetadata(offset.getAsLong()));
            }
        });
        return safe;
    }

    /**
     * For {@code preCommit(currentOffsets)}: as {@link #committableOffsets()}, and for a partition with
     * nothing pending, Connect's own position. Records a transformation or predicate dropped never
     * reach {@code put()}, so without this a partition whose records are all filtered out would never
     * commit and its consumer lag would grow forever. Safe because every record Connect delivered
     * was tracked in {@code put()} (same thread as {@code preCommit()}), and none of this partition's
     * is still pending.
     */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> safe = committableOffsets();
        currentOffsets.forEach((tp, current) -> {
            PartitionOffsets state = partitions.get(tp);
            if (current != null && (state == null || state.pendingCount() == 0)) {
                safe.merge(tp, new OffsetAndMetadata(current.offset()),
                        (ours, connects) -> ours.offset() >= connects.offset() ? ours : connects);
            }
        });
        return safe;
    }

    /** Partitions assigned by a rebalance. Existing state of partitions the task keeps is untouched. */
    public void open(Collection<TopicPartition> assigned) {
        last = null;
        for (TopicPartition tp : assigned) {
            partitions.computeIfAbsent(tp, PartitionOffsets::new);
        }
    }

    /**
     * Partitions revoked by a rebalance: drops ONLY their state (a cooperative rebalance revokes
     * some partitions and keeps the others). Late acks of their records have no effect; Kafka
     * redelivers their uncommitted records to the next owner.
     *
     * @return how many of their records were still pending
     */
    public int close(Collection<TopicPartition> revoked) {
        last = null;
        int dropped = 0;
        for (TopicPartition tp : revoked) {
            PartitionOffsets state = partitions.remove(tp);
            if (state != null) {
                dropped += state.close();
            }
        }
        if (dropped > 0) {
            LOG.info("Closed {} partition(s) with {} unacknowledged record(s); Kafka will redeliver them", revoked.size(), dropped);
        }
        return dropped;
    }

    /**
     * The acknowledged offsets of {@code topicPartition} at or after {@code from}, ascending: before
     * a task rewinds a partition to {@code from}, these are the records it need not write again.
     * Only offsets after the committable one are known; {@code from} must not be below it.
     */
    public long[] acknowledgedFrom(TopicPartition topicPartition, long from) {
        PartitionOffsets state = partitions.get(topicPartition);
        return state == null ? new long[0] : state.ackedFrom(from);
    }

    /** Records tracked on open partitions and not yet acknowledged. */
    public int pendingCount() {
        return pendingCount(partitions.keySet());
    }

    /**
     * Waits until every record tracked on these partitions is acknowledged, for the commit right
     * before the partitions close, so that rows in flight are committed with it instead of landing
     * after the next owner read them again. Gives up after {@code maxWait}, or as soon as no record
     * was acknowledged for {@code maxStall}: writes that fail (a refused credential, a retry backing
     * off) would otherwise hold up every rebalance and task stop for the whole {@code maxWait}.
     *
     * @return whether they all were acknowledged in time
     */
    public boolean awaitSettled(Collection<TopicPartition> topicPartitions, Duration maxWait, Duration maxStall) {
        long now = System.nanoTime();
        long deadline = now + maxWait.toNanos();
        long lastProgress = now;
        int pending = pendingCount(topicPartitions);
        while (pending > 0) {
            if (now - deadline >= 0 || now - lastProgress >= maxStall.toNanos()) {
                return false;
            }
            try {
                Thread.sleep(SETTLE_POLL_MILLIS); // only on a closing commit: polling costs nothing worth a signal per ack
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            now = System.nanoTime();
            int stillPending = pendingCount(topicPartitions);
            if (stillPending < pending) {
                lastProgress = now;
            }
            pending = stillPending;
        }
        return true;
    }

    /** Records tracked on these partitions and not yet acknowledged. */
    private int pendingCount(Collection<TopicPartition> topicPartitions) {
        int pending = 0;
        for (TopicPartition topicPartition : topicPartitions) {
            PartitionOffsets state = partitions.get(topicPartition);
            pending += state == null ? 0 : state.pendingCount();
        }
        return pending;
    }

    /** The partitions this tracker holds state for. */
    public Set<TopicPartition> openPartitions() {
        return Set.copyOf(partitions.keySet());
    }
}
