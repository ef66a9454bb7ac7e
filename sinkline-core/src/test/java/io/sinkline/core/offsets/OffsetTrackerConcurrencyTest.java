package io.sinkline.core.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Acks from many writer threads, out of order, while put() keeps tracking and preCommit() keeps
 * asking: every offset the tracker ever offers must cover only acknowledged records.
 */
class OffsetTrackerConcurrencyTest {

    private static final int PARTITIONS = 4;
    private static final int RECORDS_PER_PARTITION = 20_000;
    private static final int ACK_THREADS = 6;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void offeredOffsetsNeverCoverAnUnackedRecord() throws Exception {
        OffsetTracker tracker = new OffsetTracker();
        Map<TopicPartition, List<PendingRecord>> byPartition = new ConcurrentHashMap<>();
        LinkedBlockingQueue<List<PendingRecord>> toAck = new LinkedBlockingQueue<>();
        AtomicBoolean putDone = new AtomicBoolean();
        CountDownLatch acksDone = new CountDownLatch(ACK_THREADS);

        // put(): tracks in order, handing shuffled chunks to the writers.
        Future<?> put = pool.submit(() -> {
            Random random = new Random(1);
            for (int i = 0; i < RECORDS_PER_PARTITION; i += 100) {
                List<PendingRecord> chunk = new ArrayList<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    TopicPartition tp = new TopicPartition("t", p);
                    for (int offset = i; offset < i + 100; offset++) {
                        PendingRecord pending = tracker.track(tp, offset);
                        byPartition.computeIfAbsent(tp, k -> Collections.synchronizedList(new ArrayList<>())).add(pending);
                        chunk.add(pending);
                    }
                }
                Collections.shuffle(chunk, random);
                int third = chunk.size() / 3;
                toAck.add(chunk.subList(0, third));
                toAck.add(chunk.subList(third, 2 * third));
                toAck.add(chunk.subList(2 * third, chunk.size()));
            }
            putDone.set(true);
        });

        // Writers: ack their chunks in whatever order they finish.
        for (int t = 0; t < ACK_THREADS; t++) {
            pool.submit(() -> {
                try {
                    while (!(putDone.get() && toAck.isEmpty())) {
                        List<PendingRecord> chunk = toAck.poll(10, TimeUnit.MILLISECONDS);
                        if (chunk != null) {
                            chunk.forEach(PendingRecord::ack);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    acksDone.countDown();
                }
                return null;
            });
        }

        // preCommit(): asks over and over and checks every answer.
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        Map<TopicPartition, Long> lastOffered = new ConcurrentHashMap<>();
        Future<?> commits = pool.submit(() -> {
            while (acksDone.getCount() > 0) {
                checkOffered(tracker.committableOffsets(), byPartition, lastOffered, violations);
            }
        });

        put.get(60, TimeUnit.SECONDS);
        assertThat(acksDone.await(60, TimeUnit.SECONDS)).isTrue();
        commits.get(60, TimeUnit.SECONDS);

        assertThat(violations).isEmpty();
        assertThat(tracker.pendingCount()).isZero();
        Map<TopicPartition, OffsetAndMetadata> finalOffsets = tracker.committableOffsets();
        assertThat(finalOffsets).hasSize(PARTITIONS);
        finalOffsets.values().forEach(o -> assertThat(o.offset()).isEqualTo(RECORDS_PER_PARTITION));
    }

    @Test
    void closingSomePartitionsWhileAcksArriveKeepsTheOthersExact() throws Exception {
        OffsetTracker tracker = new OffsetTracker();
        TopicPartition kept = new TopicPartition("t", 0);
        TopicPartition revoked = new TopicPartition("t", 1);
        List<PendingRecord> keptRecords = new ArrayList<>();
        List<PendingRecord> revokedRecords = new ArrayList<>();
        for (int offset = 0; offset < 10_000; offset++) {
            keptRecords.add(tracker.track(kept, offset));
            revokedRecords.add(tracker.track(revoked, offset));
        }
        List<PendingRecord> all = new ArrayList<>(keptRecords);
        all.addAll(revokedRecords);
        Collections.shuffle(all, new Random(7));

        int slices = 4;
        List<Future<?>> ackers = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(slices);
        for (int s = 0; s < slices; s++) {
            List<PendingRecord> slice = all.subList(s * all.size() / slices, (s + 1) * all.size() / slices);
            ackers.add(pool.submit(() -> {
                started.countDown();
                slice.forEach(PendingRecord::ack);
            }));
        }
        started.await();
        tracker.close(List.of(revoked));
        for (Future<?> acker : ackers) {
            acker.get(60, TimeUnit.SECONDS);
        }

        assertThat(tracker.openPartitions()).containsExactly(kept);
        assertThat(tracker.pendingCount()).isZero();
        assertThat(tracker.committableOffsets()).containsOnly(Map.entry(kept, new OffsetAndMetadata(10_000)));
    }

    private static void checkOffered(Map<TopicPartition, OffsetAndMetadata> offered,
                                     Map<TopicPartition, List<PendingRecord>> byPartition,
                                     Map<TopicPartition, Long> lastOffered, List<String> violations) {
        offered.forEach((tp, offsetAndMetadata) -> {
            long offset = offsetAndMetadata.offset();
            Long previous = lastOffered.put(tp, offset);
            if (previous != null && previous > offset) {
                violations.add(tp + " went back from " + previous + " to " + offset);
            }
            List<PendingRecord> records = byPartition.get(tp);
            List<PendingRecord> covered;
            synchronized (records) {
                covered = new ArrayList<>(records.subList(0, (int) offset));
            }
            for (PendingRecord r : covered) {
                if (!r.isAcked()) {
                    violations.add(tp + " offered " + offset + " while " + r + " was not acked");
                    return;
                }
            }
        });
    }
}
