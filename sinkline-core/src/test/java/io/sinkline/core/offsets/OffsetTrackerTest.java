package io.sinkline.core.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);
    private static final TopicPartition Q0 = new TopicPartition("payments", 0);

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void awaitSettledReturnsOnceEveryRecordOfThePartitionsIsAcknowledgedAndIgnoresOthers() throws Exception {
        tracker.open(List.of(P0, P1));
        PendingRecord closing = tracker.track(record(P0, 0));
        tracker.track(record(P1, 0)); // another partition's record stays pending: not waited for
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closing.ack();
        });
        writer.start();

        assertThat(tracker.awaitSettled(List.of(P0), Duration.ofSeconds(30), Duration.ofSeconds(10))).isTrue();
        assertThat(closing.isAcked()).isTrue();
        writer.join();
    }

    @Test
    void awaitSettledGivesUpAfterMaxWait() {
        tracker.open(List.of(P0));
        tracker.track(record(P0, 0));

        assertThat(tracker.awaitSettled(List.of(P0), Duration.ofMillis(50), Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void awaitSettledGivesUpWhenNoRecordIsAcknowledgedForMaxStallButWaitsWhileTheyAre() throws Exception {
        tracker.open(List.of(P0));
        List<PendingRecord> pending = trackRange(P0, 0, 10);
        Thread writer = new Thread(() -> {
            for (PendingRecord record : pending.subList(0, 5)) { // one ack every 100 ms, then none
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                record.ack();
            }
        });
        writer.start();

        long start = System.nanoTime();
        assertThat(tracker.awaitSettled(List.of(P0), Duration.ofSeconds(30), Duration.ofMillis(300))).isFalse();
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        writer.join();

        assertThat(pending.subList(0, 5)).as("waited through the acks that kept coming").allMatch(PendingRecord::isAcked);
        assertThat(waitedMillis).as("gave up well before maxWait").isLessThan(10_000);
    }

    @Test
    void nothingIsCommittableBeforeAnAck() {
        assertThat(tracker.committableOffsets()).isEmpty();
        tracker.track(record(P0, 0));
        tracker.track(record(P0, 1));

        assertThat(tracker.committableOffsets()).isEmpty();
        assertThat(tracker.pendingCount()).isEqualTo(2);
    }

    @Test
    void committableOffsetIsTheOneAfterTheLastAckedRecord() {
        PendingRecord first = tracker.track(record(P0, 10));
        PendingRecord second = tracker.track(record(P0, 11));

        first.ack();
        assertThat(tracker.committableOffsets()).containsExactly(Map.entry(P0, new OffsetAndMetadata(11)));

        second.ack();
        assertThat(tracker.committableOffsets()).containsExactly(Map.entry(P0, new OffsetAndMetadata(12)));
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void acknowledgedFromListsTheDurableOffsetsAfterAGap() {
        List<PendingRecord> pending = trackRange(P0, 0, 6);
        pending.get(0).ack();
        pending.get(2).ack();
        pending.get(4).ack();
        pending.get(5).ack();

        assertThat(tracker.acknowledgedFrom(P0, 1)).containsExactly(2, 4, 5);
        assertThat(tracker.acknowledgedFrom(P0, 3)).containsExactly(4, 5);
        assertThat(tracker.acknowledgedFrom(P1, 0)).isEmpty();
    }

    @Test
    void anUnackedRecordHoldsBackEveryRecordAfterIt() {
        List<PendingRecord> pending = trackRange(P0, 0, 5);

        pending.get(2).ack();
        pending.get(3).ack();
        assertThat(tracker.committableOffsets()).as("record 0 is not acknowledged").isEmpty();

        pending.get(0).ack();
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(1));

        pending.get(1).ack();
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(4));

        pending.get(4).ack();
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(5));
    }

    @Test
    void partitionsAreIndependent() {
        PendingRecord p0 = tracker.track(record(P0, 7));
        tracker.track(record(P1, 3));
        PendingRecord q0 = tracker.track(record(Q0, 100));

        p0.ack();
        q0.ack();

        assertThat(tracker.committableOffsets())
                .containsOnly(Map.entry(P0, new OffsetAndMetadata(8)), Map.entry(Q0, new OffsetAndMetadata(101)));
        assertThat(tracker.pendingCount()).isEqualTo(1);
    }

    @Test
    void offsetsNotReportedAgainDoNotMoveBackwards() {
        PendingRecord r = tracker.track(record(P0, 0));
        r.ack();
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(1));
        // Later calls keep returning the safe position: Connect may ask before anything new is acked.
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(1));
        tracker.track(record(P0, 1));
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(1));
    }

    @Test
    void ackIsIdempotent() {
        PendingRecord r = tracker.track(record(P0, 0));
        tracker.track(record(P0, 1));
        r.ack();
        r.ack();
        assertThat(tracker.pendingCount()).isEqualTo(1);
        assertThat(r.isAcked()).isTrue();
    }

    @Test
    void gapsInOffsetsAreFine() {
        // Compacted topics and transaction markers leave gaps.
        PendingRecord a = tracker.track(record(P0, 5));
        PendingRecord b = tracker.track(record(P0, 9));
        a.ack();
        b.ack();
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(10));
    }

    @Test
    void tracksTheOriginalCoordinatesNotTheTransformedOnes() {
        SinkRecord original = record(P0, 42);
        // A RegexRouter / partition-changing SMT produced this one; Connect commits the original.
        SinkRecord routed = original.newRecord("orders-routed", 3, null, "k", null, "v", original.timestamp());

        PendingRecord pending = tracker.track(routed);
        pending.ack();

        assertThat(pending.topicPartition()).isEqualTo(P0);
        assertThat(tracker.committableOffsets()).containsOnly(Map.entry(P0, new OffsetAndMetadata(43)));
    }

    @Test
    void closeDropsOnlyTheRevokedPartitions() {
        tracker.open(List.of(P0, P1));
        List<PendingRecord> kept = trackRange(P0, 0, 3);
        List<PendingRecord> revoked = trackRange(P1, 0, 3);
        kept.get(0).ack();
        revoked.get(0).ack();

        int dropped = tracker.close(List.of(P1));

        assertThat(dropped).isEqualTo(2);
        assertThat(tracker.openPartitions()).containsExactly(P0);
        assertThat(tracker.pendingCount()).as("only P0's two pending records remain").isEqualTo(2);
        assertThat(tracker.committableOffsets()).containsOnly(Map.entry(P0, new OffsetAndMetadata(1)));

        // Writes of the revoked partition finishing late change nothing.
        revoked.get(1).ack();
        revoked.get(2).ack();
        assertThat(tracker.committableOffsets()).containsOnly(Map.entry(P0, new OffsetAndMetadata(1)));
        assertThat(tracker.pendingCount()).isEqualTo(2);

        // The kept partition goes on where it was.
        kept.get(1).ack();
        kept.get(2).ack();
        assertThat(tracker.committableOffsets()).containsOnly(Map.entry(P0, new OffsetAndMetadata(3)));
    }

    @Test
    void aReassignedPartitionStartsFresh() {
        PendingRecord old = tracker.track(record(P1, 0));
        tracker.close(List.of(P1));
        tracker.open(List.of(P1));
        PendingRecord fresh = tracker.track(record(P1, 0));

        old.ack();
        assertThat(tracker.committableOffsets()).as("the ack of the old owner's record").isEmpty();
        assertThat(tracker.pendingCount()).isEqualTo(1);

        fresh.ack();
        assertThat(tracker.committableOffsets()).containsOnly(Map.entry(P1, new OffsetAndMetadata(1)));
    }

    @Test
    void openKeepsTheStateOfPartitionsAlreadyHeld() {
        // Cooperative rebalancing: open() is called with the newly added partitions, or again with kept ones.
        PendingRecord r = tracker.track(record(P0, 0));
        tracker.open(List.of(P0, P1));
        r.ack();

        assertThat(tracker.openPartitions()).isEqualTo(Set.of(P0, P1));
        assertThat(tracker.committableOffsets()).containsOnly(Map.entry(P0, new OffsetAndMetadata(1)));
    }

    @Test
    void aRedeliveryAfterARewindSupersedesTheOldEntries() {
        List<PendingRecord> first = trackRange(P0, 0, 3);
        first.get(0).ack();

        // Connect redelivers from offset 1 (a RetriableException from put(), or the task rewound).
        List<PendingRecord> second = trackRange(P0, 1, 3);
        assertThat(tracker.pendingCount()).isEqualTo(2);

        first.get(1).ack(); // a late ack of the superseded delivery
        first.get(2).ack();
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(1));
        assertThat(tracker.pendingCount()).isEqualTo(2);

        second.get(0).ack();
        second.get(1).ack();
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(3));
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void aRewindNeverLowersAnOffsetAlreadySafe() {
        trackRange(P0, 0, 4).forEach(PendingRecord::ack);
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(4));

        PendingRecord again = tracker.track(record(P0, 2));
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(4));
        again.ack();
        assertThat(tracker.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(4));
    }

    @Test
    void aPartitionWhoseRecordsWereAllFilteredOutCommitsConnectsPosition() {
        // A Filter SMT dropped every record of P1 before put(): the tracker never saw one.
        tracker.open(List.of(P0, P1));
        tracker.track(record(P0, 0));

        Map<TopicPartition, OffsetAndMetadata> safe = tracker.committableOffsets(
                Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(500)));

        assertThat(safe).containsOnly(Map.entry(P1, new OffsetAndMetadata(500)));
    }

    @Test
    void connectsPositionNeverOverridesAPendingRecord() {
        PendingRecord first = tracker.track(record(P0, 10));
        tracker.track(record(P0, 11));
        first.ack();

        Map<TopicPartition, OffsetAndMetadata> safe = tracker.committableOffsets(Map.of(P0, new OffsetAndMetadata(30)));

        assertThat(safe).containsOnly(Map.entry(P0, new OffsetAndMetadata(11)));
    }

    @Test
    void onceNothingIsPendingRecordsFilteredAfterTheLastTrackedOneAreCommittedToo() {
        tracker.track(record(P0, 10)).ack();

        // Offsets 11..19 were dropped by a predicate; Connect's position is after 19.
        assertThat(tracker.committableOffsets(Map.of(P0, new OffsetAndMetadata(20))))
                .containsOnly(Map.entry(P0, new OffsetAndMetadata(20)));
        // Connect's position behind ours (it was rewound) never moves a safe offset back.
        assertThat(tracker.committableOffsets(Map.of(P0, new OffsetAndMetadata(5))))
                .containsOnly(Map.entry(P0, new OffsetAndMetadata(11)));
    }

    @Test
    void aRecordWithoutAnOffsetIsRefused() {
        assertThatThrownBy(() -> tracker.track(P0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<PendingRecord> trackRange(TopicPartition tp, long from, long toExclusive) {
        List<PendingRecord> pending = new ArrayList<>();
        for (long offset = from; offset < toExclusive; offset++) {
            pending.add(tracker.track(record(tp, offset)));
        }
        return pending;
    }

    static SinkRecord record(TopicPartition tp, long offset) {
        return new SinkRecord(tp.topic(), tp.partition(), Schema.STRING_SCHEMA, "k" + offset, Schema.STRING_SCHEMA, "v" + offset, offset);
    }
}
