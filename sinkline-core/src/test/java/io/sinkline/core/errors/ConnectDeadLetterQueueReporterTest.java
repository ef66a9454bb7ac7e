package io.sinkline.core.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

class ConnectDeadLetterQueueReporterTest {

    private final FakeErrantRecordReporter connect = new FakeErrantRecordReporter();
    private final ConnectDeadLetterQueueReporter reporter = new ConnectDeadLetterQueueReporter(connect);

    @Test
    void handsConnectTheOriginalRecordAndAnExceptionCarryingTheReason() {
        SinkRecord record = Records.stringRecord("orders", 4, 99, "k", "v");
        IllegalStateException cause = new IllegalStateException("row too large");

        reporter.report(new FailedRecord(record, "the row exceeds 2 MB", cause));

        assertThat(connect.records).containsExactly(record);
        Throwable passed = connect.errors.get(0);
        assertThat(passed).hasMessageContaining("orders-4@99").hasMessageContaining("the row exceeds 2 MB").hasCause(cause);
    }

    @Test
    void aReportCompletesWhenConnectsFutureDoes() {
        CompletableFuture<Void> first = reporter.report(failed(0));
        assertThat(first).isNotDone();

        connect.futures.get(0).run(); // Connect's producer acknowledged it
        CompletableFuture<Void> second = reporter.report(failed(1)); // finished futures are noticed on the next report
        assertThat(first).isCompleted();
        assertThat(second).isNotDone();
    }

    @Test
    void flushWaitsForConnectsFuturesAndFailsIfOneFailed() throws Exception {
        CompletableFuture<Void> ok = reporter.report(failed(0));
        CompletableFuture<Void> lost = reporter.report(failed(1));
        connect.futures.get(0).run();
        connect.failNext = new RuntimeException("DLQ topic does not exist");
        connect.futures.get(1).run();

        assertThatThrownBy(reporter::flush)
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("dead letter queue")
                .hasRootCauseMessage("DLQ topic does not exist");
        assertThat(ok).isCompleted();
        assertThat(lost).isCompletedExceptionally();
        assertThatThrownBy(reporter::flush).as("the failure is sticky").isInstanceOf(ConnectException.class);
        assertThatThrownBy(reporter::throwIfFailed).hasRootCauseMessage("DLQ topic does not exist");
    }

    @Test
    void flushBlocksUntilConnectsProducerFinishes() throws Exception {
        reporter.report(failed(0));
        Thread producer = new Thread(() -> connect.futures.get(0).run());

        CompletableFuture<Void> flushed = CompletableFuture.runAsync(reporter::flush);
        assertThat(flushed).isNotDone();
        producer.start();
        flushed.get(); // returns once Connect's future is done
        producer.join();
    }

    @Test
    void connectRefusingTheRecordFailsTheFlush() {
        connect.refuse = new ConnectException("Tolerance exceeded in error handler");
        assertThat(reporter.report(failed(0))).isCompletedExceptionally();
        assertThatThrownBy(reporter::flush).hasRootCauseMessage("Tolerance exceeded in error handler");
    }

    @Test
    void fromContextIsEmptyWhenConnectHasNoDeadLetterQueue() {
        assertThat(ConnectDeadLetterQueueReporter.from(context(null))).isEmpty();
        assertThat(ConnectDeadLetterQueueReporter.from(context(connect))).isPresent();
    }

    private static FailedRecord failed(long offset) {
        return new FailedRecord(Records.stringRecord("orders", 0, offset, "k", "v"), "bad record");
    }

    /** Connect's reporter hands back plain Futures that its producer completes later. */
    private static final class FakeErrantRecordReporter implements ErrantRecordReporter {
        final List<SinkRecord> records = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        final List<FutureTask<Void>> futures = new ArrayList<>();
        RuntimeException failNext;
        RuntimeException refuse;

        @Override
        public Future<Void> report(SinkRecord record, Throwable error) {
            if (refuse != null) {
                throw refuse;
            }
            records.add(record);
            errors.add(error);
            FutureTask<Void> future = new FutureTask<>(() -> {
                if (failNext != null) {
                    throw failNext;
                }
                return null;
            });
            futures.add(future);
            return future;
        }
    }

    private static SinkTaskContext context(ErrantRecordReporter errantRecordReporter) {
        return new SinkTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public void offset(Map<TopicPartition, Long> offsets) {
            }

            @Override
            public void offset(TopicPartition tp, long offset) {
            }

            @Override
            public void timeout(long timeoutMs) {
            }

            @Override
            public Set<TopicPartition> assignment() {
                return Set.of();
            }

            @Override
            public void pause(TopicPartition... partitions) {
            }

            @Override
            public void resume(TopicPartition... partitions) {
            }

            @Override
            public void requestCommit() {
            }

            @Override
            public ErrantRecordReporter errantRecordReporter() {
                return errantRecordReporter;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }
        };
    }
}
