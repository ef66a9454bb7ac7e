package io.sinkline.maxcompute;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sinkline.core.errors.ErrorHandler;
import io.sinkline.core.errors.FailedRecord;
import io.sinkline.core.metrics.SinkTaskMetrics;
import io.sinkline.core.offsets.OffsetTracker;
import io.sinkline.core.offsets.PendingRecord;
import io.sinkline.maxcompute.format.RowFormatter;
import io.sinkline.maxcompute.tunnel.BufferedRow;
import io.sinkline.maxcompute.tunnel.RejectedRow;
import io.sinkline.maxcompute.tunnel.RowBuffer;
import io.sinkline.maxcompute.tunnel.TableWriter;

/**
 * The task's data path, free of Connect and SDK plumbing so it can be tested alone:
 * record -> row (or the error policy) -> buffer per table partition -> at most two flushes in
 * flight -> acknowledgements -> committable offsets.
 *
 * <p>A flush starts when the buffer reaches its size or its oldest row reaches the flush interval.
 * While flushes upload, {@code put()} fills the next buffer; a full buffer with two flushes in
 * flight waits for the older one (back-pressure), so memory stays within about three times
 * {@code buffer_size_kb}.
 * Offsets are only those of acknowledged records: rows made durable by the service, or records
 * the error policy took durably.
 */
public final class SinkPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SinkPipeline.class);

    /**
     * Two flushes may upload at once, so that put() keeps filling the next buffer while a flush
     * waits on a commit round trip; with one, the task thread spent about 40% of its time blocked
     * (benchmark profile). Memory stays within about three buffers.
     */
    static final int MAX_FLUSHES_IN_FLIGHT = 2;

    private final RowFormatter formatter;
    private final Function<SinkRecord, String> tablePartitionOf;
    private final TableWriter writer;
    private final ErrorHandler errors;
    private final SinkTaskMetrics metrics;
    private final OffsetTracker tracker;
    private final long bufferBytes;
    private final long flushIntervalMs;
    private final Clock clock;

    private final RowBuffer buffer = new RowBuffer();
    /** Flushes not yet finished, oldest first (task thread only). */
    private final Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Rows the service refused, handed from the writer's threads to the task thread for the error policy. */
    private final Queue<RejectedRow> rejected = new ConcurrentLinkedQueue<>();

    public SinkPipeline(RowFormatter formatter, Function<SinkRecord, String> tablePartitionOf, TableWriter writer,
                        ErrorHandler errors, SinkTaskMetrics metrics, OffsetTracker tracker, long bufferBytes,
                        long flushIntervalMs, Clock clock) {
        this.formatter = formatter;
        this.tablePartitionOf = tablePartitionOf;
        this.writer = writer;
        this.errors = errors;
        this.metrics = metrics;
        this.tracker = tracker;
        this.bufferBytes = bufferBytes;
        this.flushIntervalMs = flushIntervalMs;
        this.clock = clock;
    }

    public void put(Collection<SinkRecord> records) {
        throwIfFailed();
        reportRejectedRows();
        for (SinkRecord record : records) {
            PendingRecord pending = tracker.track(record);
            Object[] row;
            try {
                row = formatter.format(record);
            } catch (DataException | IllegalArgumentException | ClassCastException e) {
                // A bad record, not a bad connector: it goes where the error policy says.
                reportFailed(record, pending, e);
                continue;
            }
            buffer.add(tablePartitionOf.apply(record), new BufferedRow(row, pending, record),
                    clock.millis());
            if (buffer.bytes() >= bufferBytes) {
                flush(true);
            }
        }
        if (buffer.ageMillis(clock.millis()) >= flushIntervalMs) {
            flush(false);
        }
    }

    /**
     * Hands the rows the service refused to the error policy, on the task thread as every other
     * failed record (with tolerance NONE this throws and the task stops, naming the record and the
     * service's reason). Their offsets are acknowledged once the report is durable.
     */
    private void reportRejectedRows() {
        for (RejectedRow row = rejected.poll(); row != null; row = rejected.poll()) {
            reportFailed(row.row().record(), row.row().pending(),
                    new DataException("MaxCompute refused the row: " + row.reason(), row.cause()));
        }
    }

    private void reportFailed(SinkRecord record, PendingRecord pending, RuntimeException e) {
        FailedRecord failed = new FailedRecord(record, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        metrics.recordsFailed(1);
        CompletableFuture<Void> reported = errors.handle(failed); // tolerance NONE throws: the task stops here
        reported.whenComplete((ok, error) -> {
            if (error == null) {
                pending.ack();
            } else {
                failure.compareAndSet(null, new ConnectException("Could not report failed record " + failed.coordinates()
                        + " to the error policy; its offset is not committed", error));
            }
        });
    }

    /**
     * Offsets safe to commit. Waits (up to {@code maxWait}) for the flushes in flight, so that their
     * rows are committed now: Connect calls preCommit right before it revokes partitions, and rows
     * that landed without their offsets would be read again by the next owner. Then starts a flush
     * of rows that waited the flush interval, without waiting for it (its offsets come in a later
     * commit; on revocation its rows are dropped and re-read instead).
     */
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Duration maxWait) {
        awaitInFlight(maxWait);
        throwIfFailed();
        reportRejectedRows();
        if (buffer.ageMillis(clock.millis()) >= flushIntervalMs) {
            flush(false);
        }
        Map<TopicPartition, OffsetAndMetadata> safe = tracker.committableOffsets();
        errors.flush(); // the error reports behind these offsets are durable before Connect commits them
        return safe;
    }

    /**
     * Starts writing the buffer, while up to {@value #MAX_FLUSHES_IN_FLIGHT} flushes may be in
     * flight. When that many are, {@code waitForPrevious} waits for the oldest (back-pressure);
     * without it, nothing happens until one ends.
     */
    public void flush(boolean waitForPrevious) {
        if (buffer.isEmpty()) {
            return;
        }
        inFlight.removeIf(CompletableFuture::isDone);
        if (inFlight.size() >= MAX_FLUSHES_IN_FLIGHT) {
            if (!waitForPrevious) {
                return;
            }
            awaitQuietly(inFlight.peekFirst());
            inFlight.removeIf(CompletableFuture::isDone);
        }
        throwIfFailed();
        Map<String, List<BufferedRow>> batch = buffer.drain();
        inFlight.addLast(writer.write(batch).thenAccept(rejected::addAll).whenComplete((ok, error) -> {
            if (error != null) {
                failure.compareAndSet(null, unwrap(error));
            }
        }));
    }

    public int flushesInFlight() {
        inFlight.removeIf(CompletableFuture::isDone);
        return inFlight.size();
    }

    /** Writes everything buffered and waits until it is durable (tests and benchmarks; not needed for correctness). */
    public void flushAndWait() {
        flush(true);
        awaitQuietly(allInFlight());
        throwIfFailed();
        reportRejectedRows();
    }

    public void open(Collection<TopicPartition> partitions) {
        tracker.open(partitions);
    }

    /**
     * A rebalance revoked these partitions: drop ONLY their buffered rows and offsets (Kafka
     * redelivers their uncommitted records to the next owner); rows of the partitions this task
     * keeps stay buffered, which is what a cooperative rebalance needs.
     */
    public void close(Collection<TopicPartition> partitions) {
        int dropped = buffer.removeKafkaPartitions(partitions);
        // refused rows of revoked partitions are refused again, and reported, by their next owner
        rejected.removeIf(row -> partitions.contains(row.row().pending().topicPartition()));
        tracker.close(partitions);
        if (dropped > 0) {
            LOG.info("Dropped {} buffered row(s) of {} revoked partition(s); their next owner re-reads them", dropped, partitions.size());
        }
    }

    /** Waits for the flushes in flight (up to {@code timeout}); buffered rows are left for redelivery. */
    public void stop(Duration timeout) {
        awaitInFlight(timeout);
    }

    private CompletableFuture<Void> allInFlight() {
        return CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0]));
    }

    private void awaitInFlight(Duration timeout) {
        try {
            allInFlight().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("A flush is still in flight after {} ms; its offsets come with a later commit", timeout.toMillis());
        } catch (ExecutionException e) {
            // recorded in `failure` by the flush's own completion handler
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int bufferedRows() {
        return buffer.rows();
    }

    private void throwIfFailed() {
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof ConnectException ce ? ce : new ConnectException("Writing to MaxCompute failed: " + t.getMessage(), t);
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            // recorded in `failure` by the flush's own completion handler
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
