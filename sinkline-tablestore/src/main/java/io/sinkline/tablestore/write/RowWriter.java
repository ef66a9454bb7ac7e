package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.AsyncClientInterface;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.core.utils.ParamChecker;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.BatchWriteRowResponse;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.writer.WriterConfig;
import io.sinkline.core.errors.RetryPolicy;
import io.sinkline.core.metrics.SinkTaskMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes row changes of one task to any number of data tables: per table, rows collect into one
 * BatchWriteRow request ({@link RowBatch}) that is sent when it is full, when the flush interval
 * passes, or when asked; at most {@code max.concurrency} requests per table are in flight and at
 * most {@code buffer.size} rows per table are collected and not yet sent, beyond which
 * {@link #write} waits. Each row is acknowledged or failed individually from its request's
 * answer. A failed row that retrying may fix is re-sent after the retry policy's delay; the
 * others go to the listener.
 *
 * <p>The connector batches itself instead of using the SDK's {@code DefaultTableStoreWriter}, which
 * hands every row to a batching thread through a ring buffer (waking that thread for nearly every
 * row when rows arrive more slowly than it batches them, as they do from Kafka) and hands every
 * row's answer to a callback pool as a task of its own; those hand-offs cost the connector about
 * 2 us of CPU per record (see the module README). Here a row costs the task thread a list
 * append, and a request one hand-off to a sending thread, which encodes and sends it.
 *
 * <p>With ordered writes, a row waits (in {@link KeyLanes}) until the previous row of its primary
 * key is settled, retries included, so the rows of one key land in record order.
 */
public final class RowWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RowWriter.class);
    private static final long CLOSE_WAIT_MS = 10_000;

    private final AsyncClientInterface client;
    private final SinkTaskMetrics metrics;
    private final WriterSettings settings;
    private final WriterConfig limits;
    private final RetryPolicy retryPolicy;
    private final DeliveryListener listener;
    /** Encode and send requests, so the task thread goes on mapping meanwhile. */
    private final ExecutorService senders;
    // Resends retried rows, hands over rows that waited behind their key, and runs the flush
    // interval: never on a thread that answers requests, since adding a row may wait for answers.
    private final ScheduledExecutorService sender;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Release> released = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean releasing = new AtomicBoolean();

    /** {@code metrics}: each request counts as a batch (rows, latency) and is in flight until answered. */
    public RowWriter(AsyncClientInterface client, SinkTaskMetrics metrics, WriterSettings settings, RetryPolicy retryPolicy,
                     DeliveryListener listener, int senderThreads, String threadPrefix) {
        this.client = client;
        this.metrics = metrics;
        this.settings = settings;
        this.limits = settings.toWriterConfig();
        this.retryPolicy = retryPolicy;
        this.listener = listener;
        this.senders = Executors.newFixedThreadPool(senderThreads, daemon(threadPrefix + "-send"));
        this.sender = Executors.newSingleThreadScheduledExecutor(daemon(threadPrefix + "-retry"));
        long interval = settings.flushIntervalMs();
        sender.scheduleWithFixedDelay(this::sendOpenBatches, interval, interval, TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Describes the table (for the rows' schema check) ahead of the first row. */
    public void open(String table) {
        table(table);
    }

    /** Buffers the row; waits while the table's buffer is full. */
    public void write(String table, RowChange change, Delivery delivery) {
        Table target = table(table);
        if (target.lanes.add(change, delivery)) {
            target.add(delivery);
        }
    }

    /** Rows handed to {@link #write} and not yet acknowledged or failed, retries and held-back rows included. */
    public int inFlight() {
        int rows = 0;
        for (Table table : tables.values()) {
            rows += table.lanes.size();
        }
        return rows;
    }

    /** Sends every buffered row now and waits for the answers (not for scheduled retries or held-back rows). */
    public void flush() {
        for (Table table : tables.values()) {
            table.sendOpenBatch();
            table.awaitAnswers();
        }
    }

    /**
     * Sends every buffered row now, from the sender thread, without waiting for the answers: for
     * when no more rows are coming for a while, so the last rows need not wait for the flush interval.
     */
    public void flushSoon() {
        try {
            sender.execute(this::sendOpenBatches);
        } catch (RejectedExecutionException closing) {
            // The writer is closing.
        }
    }

    private void sendOpenBatches() {
        for (Table table : tables.values()) {
            try {
                table.sendOpenBatch();
            } catch (RuntimeException e) {
                log.debug("Sending the buffered rows of table '{}' failed: {}", table.name, e.getMessage());
            }
        }
    }

    private Table table(String name) {
        Table table = tables.get(name);
        return table != null ? table : tables.computeIfAbsent(name, Table::new);
    }

    /** After a row is settled and reported: the row of its key that it held back goes out next. */
    private void releaseHeldBehind(Table table, Delivery settled) {
        if (settled.heldBehind() != null) {
            release(table, settled.heldBehind());
        }
    }

    /** A row that waited (behind its key, or for its retry) is buffered again from the sender thread. */
    private void release(Table table, Delivery delivery) {
        released.add(new Release(table, delivery));
        if (releasing.compareAndSet(false, true)) {
            try {
                sender.execute(this::sendReleased);
            } catch (RejectedExecutionException closing) {
                // The writer is closing: the row stays unacknowledged and Kafka delivers it again.
            }
        }
    }

    /**
     * Buffers the rows that waited (behind their key, or for a retry), then sends their tables'
     * open batches: those rows waited already, so they do not wait for the flush interval as well.
     */
    private void sendReleased() {
        do {
            Set<Table> touched = new HashSet<>();
            Release release;
            while ((release = released.poll()) != null) {
                release.table().add(release.delivery());
                touched.add(release.table());
            }
            touched.forEach(Table::sendOpenBatch);
            releasing.set(false);
        } while (!released.isEmpty() && releasing.compareAndSet(false, true));
    }

    private record Release(Table table, Delivery delivery) {
    }

    /** One table: its open batch, its rows in flight, and the limits on both. */
    private final class Table {
        private final String name;
        private final KeyLanes lanes = new KeyLanes(settings.keepOrder());
        private final TableMeta meta;
        private final Semaphore requestSlots = new Semaphore(settings.concurrency());
        /** One per row collected and not yet handed to a sending thread (the open batch, a batch waiting for a slot). */
        private final Semaphore rowSlots = new Semaphore(Math.max(settings.bufferSize(), 1));
        /** Guarded by this table. */
        private RowBatch open;

        Table(String name) {
            this.name = name;
            this.meta = describe(name);
        }

        private TableMeta describe(String table) {
            try {
                return client.describeTable(new DescribeTableRequest(table), null).get().getTableMeta();
            } catch (ExecutionException e) {
                throw new ConnectException("describing table '" + table + "' failed: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while describing table '" + table + "'", e);
            }
        }

        /**
         * Adds a row to the open batch, after the SDK's own checks (primary key against the table,
         * column count and sizes), which may refuse it at once. Sends the batch once it is full.
         */
        void add(Delivery delivery) {
            RowChange change = delivery.change();
            try {
                ParamChecker.checkRowChange(meta, change, limits);
            } catch (RuntimeException e) {
                Delivery refused = lanes.settle(change);
                if (refused != null) {
                    listener.failed(refused, "Tablestore refused the row: " + e.getMessage(), e);
                    releaseHeldBehind(this, refused);
                }
                return;
            }
            if (!rowSlots.tryAcquire()) {
                awaitRowSlot();
            }
            RowBatch full = null;
            RowBatch alone = null;
            synchronized (this) {
                if (delivery.sendsAlone()) {
                    alone = new RowBatch();
                    alone.add(change);
                } else {
                    if (open != null && !open.fits(change, settings.maxRowsPerBatch(), settings.maxBytesPerBatch())) {
                        full = open;
                        open = null;
                    }
                    if (open == null) {
                        open = new RowBatch();
                    }
                    open.add(change);
                    if (open.rows() >= settings.maxRowsPerBatch()) {
                        alone = open; // full now: sent at once
                        open = null;
                    }
                }
            }
            if (full != null) {
                send(full);
            }
            if (alone != null) {
                send(alone);
            }
        }

        /**
         * The buffer is full: the open batch holds it (a buffer smaller than a request), or batches
         * waiting for a request slot do. The open batch goes out now, partly filled, rather than
         * after the flush interval; then this waits until sent batches free the buffer.
         */
        private void awaitRowSlot() {
            sendOpenBatch();
            acquire(rowSlots, 1);
        }

        void sendOpenBatch() {
            RowBatch batch;
            synchronized (this) {
                batch = open;
                open = null;
            }
            if (batch != null) {
                send(batch);
            }
        }

        /** Waits for a request slot, then hands the batch to a sending thread; its rows leave the buffer. */
        private void send(RowBatch batch) {
            acquire(requestSlots, 1);
            rowSlots.release(batch.rows());
            try {
                senders.execute(() -> {
                    Answer answer = new Answer(batch);
                    metrics.inFlightRequests(1);
                    try {
                        client.batchWriteRow(batch.request(), answer);
                    } catch (RuntimeException e) {
                        answer.onFailed(batch.request(), e);
                    }
                });
            } catch (RejectedExecutionException closing) {
                // The writer is closing: the rows stay unacknowledged and Kafka delivers them again.
                requestSlots.release();
            }
        }

        /** Waits until no request of this table is in flight. */
        void awaitAnswers() {
            acquire(requestSlots, settings.concurrency());
            requestSlots.release(settings.concurrency());
        }

        private void acquire(Semaphore slots, int permits) {
            try {
                slots.acquire(permits);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while waiting for table '" + name + "' to take more rows", e);
            }
        }

        /** One request's answer: each row acknowledged or failed; then its request slot is free again. */
        private final class Answer implements TableStoreCallback<BatchWriteRowRequest, BatchWriteRowResponse> {
            private final RowBatch batch;
            private final long sentNanos = System.nanoTime();

            Answer(RowBatch batch) {
                this.batch = batch;
            }

            @Override
            public void onCompleted(BatchWriteRowRequest request, BatchWriteRowResponse response) {
                metrics.batchWritten(batch.rows(), System.nanoTime() - sentNanos);
                try {
                    List<BatchWriteRowResponse.RowResult> succeeded = new ArrayList<>(batch.rows());
                    List<BatchWriteRowResponse.RowResult> failed = new ArrayList<>();
                    response.getResult(succeeded, failed);
                    for (BatchWriteRowResponse.RowResult row : succeeded) {
                        written(request.getRowChange(name, row.getIndex()));
                    }
                    for (BatchWriteRowResponse.RowResult row : failed) {
                        var error = row.getError();
                        rowFailed(request.getRowChange(name, row.getIndex()),
                                new TableStoreException(error.getMessage(), null, error.getCode(), response.getRequestId(), 0));
                    }
                } finally {
                    answered();
                }
            }

            /**
             * The whole request failed. When retrying cannot help and it held more than one row, one
             * bad row may have failed it: each row is sent again alone, so only bad rows fail.
             */
            @Override
            public void onFailed(BatchWriteRowRequest request, Exception error) {
                try {
                    boolean isolate = batch.rows() > 1 && !RetryableErrors.isRetryable(error);
                    for (RowChange change : request.getRowChange().get(name)) {
                        if (isolate) {
                            Delivery delivery = lanes.find(change);
                            if (delivery != null) {
                                delivery.sendAlone();
                                release(Table.this, delivery);
                            }
                        } else {
                            rowFailed(change, error);
                        }
                    }
                } finally {
                    answered();
                }
            }

            private void answered() {
                metrics.inFlightRequests(-1);
                requestSlots.release();
            }
        }

        private void written(RowChange change) {
            Delivery delivery = lanes.settle(change);
            if (delivery != null) {
                listener.written(delivery);
                releaseHeldBehind(this, delivery);
            }
        }

        private void rowFailed(RowChange change, Exception error) {
            Delivery delivery = lanes.find(change);
            if (delivery == null) {
                return;
            }
            if (RetryableErrors.isRetryable(error)) {
                Optional<Duration> delay = delivery.attempts(retryPolicy).nextDelay();
                if (delay.isPresent()) {
                    // The row stays first in its lane: with ordered writes its key's later rows keep waiting.
                    listener.retrying(delivery, error);
                    try {
                        sender.schedule(() -> release(this, delivery), delay.get().toMillis(), TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException closing) {
                        // As in release(): unacknowledged, so delivered again.
                    }
                    return;
                }
                fail(change, "write still failing after retries (" + retryPolicy + "): " + RetryableErrors.describe(error), error);
                return;
            }
            fail(change, "Tablestore rejected the row: " + RetryableErrors.describe(error), error);
        }

        private void fail(RowChange change, String reason, Exception error) {
            Delivery delivery = lanes.settle(change);
            if (delivery != null) {
                listener.failed(delivery, reason, error);
                releaseHeldBehind(this, delivery);
            }
        }
    }

    /**
     * Stops the flush interval and the retries, sends what is buffered and waits up to 10 s for
     * the answers. Rows still unanswered then stay unacknowledged: Kafka delivers them again.
     */
    @Override
    public void close() {
        sender.shutdownNow();
        sendOpenBatches();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("Rows were still being sent when the writer closed; they are delivered again");
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
            for (Table table : tables.values()) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!table.requestSlots.tryAcquire(settings.concurrency(), left, TimeUnit.NANOSECONDS)) {
                    log.warn("Requests to table '{}' were still unanswered when the writer closed; their rows are"
                            + " delivered again", table.name);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tables.clear();
    }
}
