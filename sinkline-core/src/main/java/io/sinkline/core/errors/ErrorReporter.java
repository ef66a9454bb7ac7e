package io.sinkline.core.errors;

import java.util.concurrent.CompletableFuture;

/**
 * Where a record that will not be written goes: Connect's dead letter queue, a Kafka topic, a log,
 * or a sink's own error table.
 *
 * <p>The contract that keeps at-least-once: a task acks a failed record's offset once it handed the
 * record to {@link #report}; in {@code preCommit()} it first takes the tracker's committable
 * offsets, then calls {@link #flush()}, and returns those offsets only if {@code flush()} returned.
 * A report that failed makes {@code flush()} throw, so its offset is never committed.
 */
public interface ErrorReporter extends AutoCloseable {

    /** Starts reporting; the future completes when the report is durable (or fails with why not). */
    CompletableFuture<Void> report(FailedRecord failed);

    /**
     * Returns only when every record reported so far is durable.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException if any of them could not be reported
     */
    void flush();

    /**
     * Throws if a report has failed. Failures are sticky: the offsets of lost reports must never be
     * committed, so the task has to stop and let Kafka redeliver from the last committed offset.
     * (Connect ignores an exception from {@code preCommit()} beyond skipping that commit; one from
     * {@code put()} fails the task.) The default is for reporters that cannot fail asynchronously.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException naming the first failure
     */
    default void throwIfFailed() {
    }

    /** Flushes what can be flushed and releases resources. */
    @Override
    void close();
}
