package io.sinkline.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sinkline.core.errors.ErrorHandler;
import io.sinkline.core.errors.ErrorReporter;
import io.sinkline.core.errors.ErrorTolerance;
import io.sinkline.core.errors.FailedRecord;
import io.sinkline.core.errors.RecordFailedException;
import io.sinkline.core.metrics.SinkTaskMetrics;
import io.sinkline.core.offsets.OffsetTracker;
import io.sinkline.maxcompute.config.RecordFormat;
import io.sinkline.maxcompute.config.RecordMode;
import io.sinkline.maxcompute.format.RowFormatter;
import io.sinkline.maxcompute.format.RowFormatters;
import io.sinkline.maxcompute.format.TableLayout;
import io.sinkline.maxcompute.format.Tables;
import io.sinkline.maxcompute.tunnel.BufferedRow;
import io.sinkline.maxcompute.tunnel.RejectedRow;
import io.sinkline.maxcompute.tunnel.TableWriter;

class SinkPipelineTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    /** A writer whose flushes the test completes by hand. */
    static final class ManualWriter implements TableWriter {
        final List<Map<String, List<BufferedRow>>> flushes = new ArrayList<>();
        final List<CompletableFuture<List<RejectedRow>>> results = new ArrayList<>();
        /** Lets a "service" thread wait for the first flush (and see it). */
        final CountDownLatch firstFlush = new CountDownLatch(1);

        @Override
        public CompletableFuture<List<RejectedRow>> write(Map<String, List<BufferedRow>> rowsByPartition) {
            flushes.add(rowsByPartition);
            CompletableFuture<List<RejectedRow>> result = new CompletableFuture<>();
            results.add(result);
            firstFlush.countDown();
            return result;
        }

        /** A "service" thread that acknowledges the first flush 200 ms after it starts (or at once, if it started already). */
        Thread answerFirstFlushLater() {
            Thread service = new Thread(() -> {
                try {
                    firstFlush.await();
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                succeed(0);
            });
            service.start();
            return service;
        }

        void succeed(int flush) {
            refuse(flush, Set.of());
        }

        /** As the writers do: the rows at these offsets refused by the service, the others written. */
        void refuse(int flush, Set<Long> offsets) {
            List<RejectedRow> refused = new ArrayList<>();
            flushes.get(flush).values().forEach(rows -> rows.forEach(row -> {
                if (offsets.contains(row.pending().offset())) {
                    refused.add(new RejectedRow(row, "MalformedDataStream: column name STRING: NULL in a NOT NULL column",
                            new IllegalStateException("400")));
                } else {
                    row.pending().ack();
                }
            }));
            results.get(flush).complete(refused);
        }

        int rows(int flush) {
            return flushes.get(flush).values().stream().mapToInt(List::size).sum();
        }

        @Override
        public void close() {
        }
    }

    /** Keeps what it was given. */
    static final class CollectingReporter implements ErrorReporter {
        final List<FailedRecord> reported = new ArrayList<>();
        int flushes;

        @Override
        public CompletableFuture<Void> report(FailedRecord failed) {
            reported.add(failed);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
        }
    }

    private final ManualWriter writer = new ManualWriter();
    private final SinkTaskMetrics metrics = SinkTaskMetrics.register("maxcompute", "pipeline-test-" + UUID.randomUUID(), 0);
    private final CollectingReporter reporter = new CollectingReporter();
    private final RowFormatter flatten = RowFormatters.create(RecordFormat.FLATTEN, RecordMode.VALUE,
            TableLayout.of("t", Tables.flatten(), RecordFormat.FLATTEN, RecordMode.VALUE), ',', "\\N", ZoneId.of("UTC"));

    private SinkPipeline pipeline(ErrorTolerance tolerance, long bufferBytes) {
        return new SinkPipeline(flatten, record -> "pt-" + record.kafkaPartition(), writer,
                new ErrorHandler(tolerance, reporter), metrics, new OffsetTracker(), bufferBytes, 60_000,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    private static SinkRecord good(TopicPartition tp, long offset) {
        return new SinkRecord(tp.topic(), tp.partition(), null, null, null, "{\"id\":" + offset + ",\"name\":\"n\"}", offset);
    }

    private static SinkRecord poison(TopicPartition tp, long offset) {
        return new SinkRecord(tp.topic(), tp.partition(), null, null, null, "{\"id\":1,\"extendinfos\":\"null\"}", offset);
    }

    @AfterEach
    void unregister() {
        metrics.close();
    }

    @Test
    void offsetsAreCommittableOnlyAfterTheWriteIsDurable() {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1 << 20);
        pipeline.open(List.of(P0, P1));
        pipeline.put(List.of(good(P0, 0), good(P0, 1), good(P1, 0)));

        assertThat(pipeline.preCommit()).isEmpty();
        pipeline.flush(true);
        assertThat(writer.flushes.get(0)).containsOnlyKeys("pt-0", "pt-1");
        assertThat(pipeline.preCommit()).isEmpty();

        writer.succeed(0);

        assertThat(pipeline.preCommit()).containsExactlyInAnyOrderEntriesOf(Map.of(
                P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(1)));
    }

    @Test
    void preCommitWaitsForTheFlushInFlightSoItsOffsetsGoOutBeforeARevocation() throws Exception {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1 << 20);
        pipeline.open(List.of(P0));
        pipeline.put(List.of(good(P0, 0), good(P0, 1)));
        pipeline.flush(true);
        Thread service = writer.answerFirstFlushLater();

        Map<TopicPartition, OffsetAndMetadata> offsets = pipeline.preCommitBeforeClose(List.of(P0), Duration.ofSeconds(30));

        service.join();
        assertThat(offsets).containsEntry(P0, new OffsetAndMetadata(2));
    }

    @Test
    void theCommitBeforeARevocationWritesTheClosingPartitionsRowsAndKeepsTheOthersBuffered() throws Exception {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1 << 20);
        pipeline.open(List.of(P0, P1));
        pipeline.put(List.of(good(P0, 0), good(P1, 0), good(P0, 1)));
        assertThat(writer.flushes).as("buffered, within the flush interval").isEmpty();
        Thread service = writer.answerFirstFlushLater();

        Map<TopicPartition, OffsetAndMetadata> offsets = pipeline.preCommitBeforeClose(List.of(P0), Duration.ofSeconds(30));

        service.join();
        assertThat(writer.flushes).hasSize(1);
        assertThat(writer.rows(0)).as("only the closing partition's rows").isEqualTo(2);
        assertThat(offsets).containsOnly(Map.entry(P0, new OffsetAndMetadata(2)));
        pipeline.close(List.of(P0));
        pipeline.flush(true);
        assertThat(writer.rows(1)).as("the kept partition's row, still buffered until now").isEqualTo(1);
    }

    @Test
    void thePeriodicCommitDoesNotWriteABufferYoungerThanTheFlushInterval() {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1 << 20);
        pipeline.open(List.of(P0));
        pipeline.put(List.of(good(P0, 0)));

        assertThat(pipeline.preCommit()).isEmpty();
        assertThat(writer.flushes).isEmpty();
    }

    @Test
    void aFullBufferFlushesAndWaitsForTheFlushInFlight() {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1); // every row fills the buffer
        pipeline.open(List.of(P0));

        pipeline.put(List.of(good(P0, 0)));
        assertThat(writer.flushes).hasSize(1);
        writer.succeed(0);
        pipeline.put(List.of(good(P0, 1)));

        assertThat(writer.flushes).hasSize(2);
        assertThat(pipeline.preCommit()).containsEntry(P0, new OffsetAndMetadata(1));
    }

    @Test
    void twoFlushesUploadAtOnceAndAThirdFullBufferWaitsForTheOldest() throws Exception {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1); // every row fills the buffer
        pipeline.open(List.of(P0));
        pipeline.put(List.of(good(P0, 0)));
        Thread second = new Thread(() -> pipeline.put(List.of(good(P0, 1))));
        second.setDaemon(true);
        second.start();
        second.join(10_000);
        assertThat(second.isAlive()).as("a second flush starts while the first uploads").isFalse();
        assertThat(writer.flushes).hasSize(2);
        assertThat(pipeline.flushesInFlight()).isEqualTo(2);

        Thread third = new Thread(() -> pipeline.put(List.of(good(P0, 2))));
        third.setDaemon(true);
        third.start();
        third.join(300);
        assertThat(third.isAlive()).as("a third flush waits while two are in flight").isTrue();

        writer.succeed(1); // the younger flush finishing first commits nothing: offset 0 is not durable yet
        assertThat(third.isAlive()).isTrue();
        writer.succeed(0);
        third.join(10_000);

        assertThat(third.isAlive()).isFalse();
        assertThat(writer.flushes).hasSize(3);
        writer.succeed(2);
        assertThat(pipeline.preCommit()).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void offsetsWaitForAnOlderFlushEvenWhenAYoungerOneIsDone() {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1 << 20);
        pipeline.open(List.of(P0));
        pipeline.put(List.of(good(P0, 0)));
        pipeline.flush(false);
        pipeline.put(List.of(good(P0, 1)));
        pipeline.flush(false);
        assertThat(writer.flushes).hasSize(2);

        writer.succeed(1);
        assertThat(pipeline.preCommit()).doesNotContainKey(P0);

        writer.succeed(0);
        assertThat(pipeline.preCommit()).containsEntry(P0, new OffsetAndMetadata(2));
    }

    @Test
    void aFailedWriteFailsTheTaskAndCommitsNothingPastIt() {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1 << 20);
        pipeline.open(List.of(P0));
        pipeline.put(List.of(good(P0, 0)));
        pipeline.flush(true);

        writer.results.get(0).completeExceptionally(new ConnectException("tunnel down"));

        assertThatThrownBy(() -> pipeline.preCommit()).isInstanceOf(ConnectException.class).hasMessageContaining("tunnel down");
        assertThatThrownBy(() -> pipeline.put(List.of(good(P0, 1)))).hasMessageContaining("tunnel down");
    }

    @Test
    void aPoisonRecordGoesToTheReporterAndItsOffsetMovesOn() {
        SinkPipeline pipeline = pipeline(ErrorTolerance.ALL, 1 << 20);
        pipeline.open(List.of(P0));

        pipeline.put(List.of(good(P0, 0), poison(P0, 1), good(P0, 2)));
        pipeline.flush(true);
        writer.succeed(0);

        assertThat(writer.rows(0)).isEqualTo(2);
        assertThat(reporter.reported).singleElement().satisfies(failed -> {
            assertThat(failed.record().kafkaOffset()).isEqualTo(1);
            assertThat(failed.reason()).contains("extendinfos");
        });
        assertThat(pipeline.preCommit()).containsEntry(P0, new OffsetAndMetadata(3));
        assertThat(reporter.flushes).isPositive();
        assertThat(metrics.getRecordsFailed()).isEqualTo(1);
    }

    @Test
    void withToleranceNoneAPoisonRecordStopsTheTaskNamingIt() {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1 << 20);
        pipeline.open(List.of(P0));

        assertThatThrownBy(() -> pipeline.put(List.of(good(P0, 0), poison(P0, 1))))
                .isInstanceOf(RecordFailedException.class)
                .hasMessageContaining("orders-0@1").hasMessageContaining("extendinfos");
        assertThat(reporter.reported).isEmpty();
    }

    @Test
    void rowsTheServiceRefusesGoToTheReporterWithItsReasonAndTheirOffsetsMoveOnOnceReported() {
        SinkPipeline pipeline = pipeline(ErrorTolerance.ALL, 1 << 20);
        pipeline.open(List.of(P0));
        pipeline.put(List.of(good(P0, 0), good(P0, 1), good(P0, 2)));
        pipeline.flush(true);

        writer.refuse(0, Set.of(1L));
        assertThat(reporter.reported).isEmpty(); // reported on the task thread, not the writer's

        assertThat(pipeline.preCommit()).containsEntry(P0, new OffsetAndMetadata(3));
        assertThat(reporter.reported).singleElement().satisfies(failed -> {
            assertThat(failed.record().kafkaOffset()).isEqualTo(1);
            assertThat(failed.record().value()).isEqualTo("{\"id\":1,\"name\":\"n\"}");
            assertThat(failed.reason()).contains("MaxCompute refused the row").contains("NULL in a NOT NULL column");
        });
        assertThat(metrics.getRecordsFailed()).isEqualTo(1);
    }

    @Test
    void aRefusedRowWhoseReportIsNotDurableHoldsItsOffsetBack() {
        CompletableFuture<Void> report = new CompletableFuture<>();
        SinkPipeline pipeline = new SinkPipeline(flatten, record -> "pt", writer,
                new ErrorHandler(ErrorTolerance.ALL, new ErrorReporter() {
                    @Override
                    public CompletableFuture<Void> report(FailedRecord failed) {
                        return report;
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                }), metrics, new OffsetTracker(), 1 << 20, 60_000, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        pipeline.open(List.of(P0));
        pipeline.put(List.of(good(P0, 0), good(P0, 1), good(P0, 2)));
        pipeline.flush(true);
        writer.refuse(0, Set.of(1L));

        assertThat(pipeline.preCommit()).containsEntry(P0, new OffsetAndMetadata(1));
        report.complete(null);
        assertThat(pipeline.preCommit()).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void withToleranceNoneARefusedRowStopsTheTaskNamingItAndTheServiceReason() {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1 << 20);
        pipeline.open(List.of(P0));
        pipeline.put(List.of(good(P0, 0), good(P0, 1)));
        pipeline.flush(true);
        writer.refuse(0, Set.of(1L));

        assertThatThrownBy(() -> pipeline.put(List.of(good(P0, 2))))
                .isInstanceOf(RecordFailedException.class)
                .hasMessageContaining("orders-0@1").hasMessageContaining("NULL in a NOT NULL column");
        assertThat(reporter.reported).isEmpty();
    }

    @Test
    void aRebalanceDropsOnlyTheRevokedPartitionsAndKeepsTheOthersBuffered() {
        SinkPipeline pipeline = pipeline(ErrorTolerance.NONE, 1 << 20);
        pipeline.open(List.of(P0, P1));
        pipeline.put(List.of(good(P0, 0), good(P1, 0), good(P0, 1), good(P1, 1)));

        pipeline.close(List.of(P1)); // cooperative: P1 revoked, P0 kept
        pipeline.flush(true);
        writer.succeed(0);

        assertThat(writer.flushes.get(0)).containsOnlyKeys("pt-0");
        assertThat(writer.rows(0)).isEqualTo(2);
        assertThat(pipeline.preCommit()).containsOnlyKeys(P0).containsEntry(P0, new OffsetAndMetadata(2));
    }
}
