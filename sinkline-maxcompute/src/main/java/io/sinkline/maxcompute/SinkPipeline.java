package io.sinkline.maxcompute;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
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
import java.util.function.Consumer;
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
import io.sinkline.maxcompute.tunnel.BlockBuffer;
import io.sinkline.maxcompute.tunnel.BlockWriter;
import io.sinkline.maxcompute.tunnel.BufferedRow;
import io.sinkline.maxcompute.tunnel.EncodedBlock;
import io.sinkline.maxcompute.tunnel.RefusedBlock;
import io.sinkline.maxcompute.tunnel.RejectedRow;
import io.sinkline.maxcompute.tunnel.RowBuffer;
import io.sinkline.maxcompute.tunnel.TableWriter;

/**
 * The task's data path, free of Connect and SDK plumbing so it can be tested alone:
 * record -> row (or the error policy) -> buffer per table partition -> at most two flushes in
 * flight -> acknowledgements -> committable offsets.
 *
 * <p>With the batch Tunnel, rows are encoded into blocks as they arrive ({@link BlockBuffer}) and
 * their records are not kept. When the service refuses a block for its data, the task waits for
 * the flushes in flight, drops what it buffered of that Kafka partition and asks Connect to read
 * it again from the block's first offset ({@link Redeliveries}): records whose rows landed
 * meanwhile are acknowledged without a second write, and the refused block's records are kept
 * as rows with their records, so that the writer can halve them down to the refused rows and the
 * error policy gets each refused record. The streaming Tunnel keeps rows with their records.
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
    /** Batch Tunnel only (else null): encoded blocks, their writer, and how to ask Connect to read partitions again. */
    private final BlockBuffer blocks;
    private final BlockWriter blockWriter;
    private final Consumer<Map<TopicPartition, Long>> rewinder;
    private final Redeliveries redeliveries = new Redeliveries();
    /** Blocks the service refused, handed from the writer's threads to the task thread, which reads their records again. */
    private final Queue<RefusedBlock> refusedBlocks = new ConcurrentLinkedQueue<>();
    /** Flushes not yet finished, oldest first (task thread only). */
    private final Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Rows the service refused, handed from the writer's threads to the task thread for the error policy. */
    private final Queue<RejectedRow> rejected = new ConcurrentLinkedQueue<>();

    public SinkPipeline(RowFormatter formatter, Function<SinkRecord, String> tablePartitionOf, TableWriter writer,
                        ErrorHandler errors, SinkTaskMetrics metrics, OffsetTracker tracker, long bufferBytes,
                        long flushIntervalMs, Clock clock) {
        this(formatter, tablePartitionOf, writer, null, null, null, errors, metrics, tracker, bufferBytes,
                flushIntervalMs, clock);
    }

    /**
     * @param blocks where rows are encoded (batch Tunnel), or null to keep every row with its record
     * @param blockWriter writes {@code blocks}' blocks
     * @param rewinder asks Connect to read partitions again from the given offsets ({@code SinkTaskContext.offset})
     */
    public SinkPipeline(RowFormatter formatter, Function<SinkRecord, String> tablePartitionOf, TableWriter writer,
                        BlockBuffer blocks, BlockWriter blockWriter, Consumer<Map<TopicPartition, Long>> rewinder,
                        ErrorHandler errors, SinkTaskMetrics metrics, OffsetTracker tracker, long bufferBytes,
                        long flushIntervalMs, Clock clock) {
        this.blocks = blocks;
        this.blockWriter = blockWriter;
        this.rewinder = rewinder;
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
        redeliveries.sought();
        throwIfFailed();
        reportRejectedRows();
        rewindRefusedBlocks();
        for (SinkRecord record : records) {
            boolean asRow = blocks == null;
            if (!redeliveries.isEmpty()) {
                switch (redeliveries.route(new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
                        record.originalKafkaOffset())) {
                    case STALE -> {
                        continue;
                    }
                    case DURABLE -> {
                        tracker.track(record).ack();
                        continue;
                    }
                    case ROWS -> asRow = true;
                    case BLOCKS -> { }
                }
            }
            PendingRecord pending = tracker.track(record);
            Object[] row;
            try {
                row = formatter.format(record);
            } catch (DataException | IllegalArgumentException | ClassCastException e) {
                // A bad record, not a bad connector: it goes where the error policy says.
                reportFailed(record, pending, e);
                continue;
            }
            long now = clock.millis();
            if (asRow) {
                buffer.add(tablePartitionOf.apply(record), new BufferedRow(row, pending, record), now);
            } else if (!blocks.add(tablePartitionOf.apply(record), row, pending, now)) {
                LOG.warn("Encoding the row of {} failed; its block will be read again row by row", pending);
            }
            if (bufferedBytes() >= bufferBytes) {
                flush(true);
            }
        }
        if (bufferAgeMillis() >= flushIntervalMs) {
            flush(false);
        }
    }

    private long bufferedBytes() {
        return buffer.level().bytes() + (blocks == null ? 0 : blocks.level().bytes());
    }

    private long bufferAgeMillis() {
        long now = clock.millis();
        return Math.max(buffer.level().ageMillis(now), blocks == null ? 0 : blocks.level().ageMillis(now));
    }

    private boolean bufferIsEmpty() {
        return buffer.level().isEmpty() && (blocks == null || blocks.level().isEmpty());
    }

    /**
     * The service refused encoded blocks: once every flush in flight has ended (so each tracked
     * record is durable, refused or buffered), drops what is buffered of their Kafka partitions
     * and asks Connect to read each again from its first refused offset. Waits for the flushes
     * because only then is it known which later records are durable already.
     */
    private void rewindRefusedBlocks() {
        if (refusedBlocks.isEmpty()) {
            return;
        }
        awaitQuietly(allInFlight());
        throwIfFailed();
        Map<TopicPartition, long[]> ranges = new HashMap<>();
        Map<TopicPartition, String> reasons = new HashMap<>();
        for (RefusedBlock refused = refusedBlocks.poll(); refused != null; refused = refusedBlocks.poll()) {
            EncodedBlock block = refused.block();
            ranges.merge(block.kafkaPartition(), new long[] {block.firstOffset(), block.lastOffset()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            reasons.putIfAbsent(block.kafkaPartition(), refused.reason());
        }
        ranges.keySet().retainAll(tracker.openPartitions()); // revoked meanwhile: the next owner reads them
        if (ranges.isEmpty()) {
            return;
        }
        buffer.removeKafkaPartitions(ranges.keySet());
        blocks.removeKafkaPartitions(ranges.keySet());
        Map<TopicPartition, Long> seek = new HashMap<>();
        ranges.forEach((partition, range) -> {
            redeliveries.rewind(partition, range[0], range[1], tracker.acknowledgedFrom(partition, range[0]));
            seek.put(partition, range[0]);
            LOG.warn("MaxCompute refused a block of {} (offsets {} to {}): {}. Reading it again from offset {} to find the refused rows",
                    partition, range[0], range[1], reasons.get(partition), range[0]);
        });
        rewinder.accept(seek);
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
     * Offsets safe to commit, for Connect's periodic commit: never waits, so consumption does not
     * stall for an upload every {@code offset.flush.interval.ms} (a flush's offsets go out with a
     * later commit). Starts a flush of rows that waited the flush interval, without waiting for it.
     */
    public Map<TopicPartition, OffsetAndMetadata> preCommit() {
        throwIfFailed();
        reportRejectedRows();
        // refused blocks are rewound in put() only: Connect seeks right before its next poll, while
        // the partition is surely still assigned (a preCommit may come right before a revocation)
        if (bufferAgeMillis() >= flushIntervalMs) {
            flush(false);
        }
        return committableOffsets();
    }

    /**
     * Offsets safe to commit, for the commit Connect makes right before it closes partitions (a
     * rebalance, a task stop): writes what is buffered for the {@code closing} Kafka partitions and
     * waits (up to {@code maxWait}) until it is durable, so that their offsets are committed now and
     * their next owner neither reads nor writes those records again. Rows of the partitions the task
     * keeps stay buffered. (Starting a flush here without waiting for it wrote 240,000 rows twice in
     * a benchmark: they landed after the next owner had read them again.) A flush still in flight
     * after {@code maxWait} lands later; its records may then be written twice.
     */
    public Map<TopicPartition, OffsetAndMetadata> preCommitBeforeClose(Collection<TopicPartition> closing, Duration maxWait) {
        throwIfFailed();
        reportRejectedRows();
        flushKafkaPartitions(closing);
        awaitInFlight(maxWait);
        throwIfFailed();
        reportRejectedRows(); // rows refused by the flushes just awaited go to the error policy now
        return committableOffsets();
    }

    private Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
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
        if (bufferIsEmpty() || !roomForAFlush(waitForPrevious)) {
            return;
        }
        startFlush(buffer.level().isEmpty() ? Map.of() : buffer.drain(),
                blocks == null || blocks.level().isEmpty() ? Map.of() : blocks.drain());
    }

    /** Starts writing what is buffered for these Kafka partitions only (waits for room, as a full buffer does). */
    private void flushKafkaPartitions(Collection<TopicPartition> kafkaPartitions) {
        Map<String, List<BufferedRow>> rows = buffer.takeKafkaPartitions(kafkaPartitions);
        Map<String, List<EncodedBlock>> taken = blocks == null ? Map.of() : blocks.takeKafkaPartitions(kafkaPartitions);
        if (!rows.isEmpty() || !taken.isEmpty()) {
            roomForAFlush(true);
            startFlush(rows, taken);
        }
    }

    /** Whether fewer than {@value #MAX_FLUSHES_IN_FLIGHT} flushes are in flight, after waiting for the oldest if {@code wait}. */
    private boolean roomForAFlush(boolean wait) {
        inFlight.removeIf(CompletableFuture::isDone);
        if (inFlight.size() >= MAX_FLUSHES_IN_FLIGHT) {
            if (!wait) {
                return false;
            }
            awaitQuietly(inFlight.peekFirst());
            inFlight.removeIf(CompletableFuture::isDone);
        }
        return true;
    }

    private void startFlush(Map<String, List<BufferedRow>> rows, Map<String, List<EncodedBlock>> encoded) {
        throwIfFailed();
        CompletableFuture<Void> flushed = CompletableFuture.completedFuture(null);
        if (!rows.isEmpty()) {
            flushed = writer.write(rows).thenAccept(rejected::addAll);
        }
        if (!encoded.isEmpty()) {
            flushed = CompletableFuture.allOf(flushed, blockWriter.writeBlocks(encoded).thenAccept(refusedBlocks::addAll));
        }
        inFlight.addLast(flushed.whenComplete((ok, error) -> {
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
     * A rebalance revoked these partitions: drop ONLY what is still buffered of them and their
     * offsets (usually nothing: the commit before the revocation wrote it; after a lost partition or
     * a failed write, Kafka redelivers the uncommitted records to the next owner); rows of the
     * partitions this task keeps stay buffered, which is what a cooperative rebalance needs.
     */
    public void close(Collection<TopicPartition> partitions) {
        int dropped = buffer.removeKafkaPartitions(partitions) + (blocks == null ? 0 : blocks.removeKafkaPartitions(partitions));
        // refused rows of revoked partitions are refused again, and reported, by their next owner
        rejected.removeIf(row -> partitions.contains(row.row().pending().topicPartition()));
        refusedBlocks.removeIf(refused -> partitions.contains(refused.block().kafkaPartition()));
        redeliveries.forget(partitions);
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

    /** Records put and not yet durable or taken by the error policy. */
    public int pendingRecords() {
        return tracker.pendingCount();
    }

    public int bufferedRows() {
        return buffer.level().rows() + (blocks == null ? 0 : blocks.level().rows());
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
