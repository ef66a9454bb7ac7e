package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.AsyncClientInterface;
import com.alicloud.openservices.tablestore.DefaultTableStoreWriter;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.TableStoreWriter;
import com.alicloud.openservices.tablestore.model.ConsumedCapacity;
import com.alicloud.openservices.tablestore.model.RowChange;
import io.sinkline.core.errors.RetryPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes row changes of one task to any number of data tables: one SDK {@link TableStoreWriter}
 * per table (batched BatchWriteRow, bounded requests in flight, flush interval), each row
 * acknowledged or failed individually through its callback. {@link #write} returns once the row
 * is buffered; it blocks only while the buffer is full. A failed row that retrying may fix is
 * re-sent alone after the retry policy's delay; the others go to the listener.
 *
 * <p>With ordered writes, a row waits (in {@link KeyLanes}) until the previous row of its primary
 * key is settled, retries included, so the rows of one key land in record order.
 */
public final class RowWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RowWriter.class);

    private final AsyncClientInterface client;
    private final WriterSettings settings;
    private final RetryPolicy retryPolicy;
    private final DeliveryListener listener;
    private final ExecutorService callbacks;
    // Resends retried rows and hands over rows that waited behind their key: never on a callback
    // thread, since a full buffer blocks addRowChange until callback threads have sent requests.
    private final ScheduledExecutorService sender;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Release> released = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean releasing = new AtomicBoolean();

    public RowWriter(AsyncClientInterface client, WriterSettings settings, RetryPolicy retryPolicy,
                     DeliveryListener listener, int callbackThreads, String threadPrefix) {
        this.client = client;
        this.settings = settings;
        this.retryPolicy = retryPolicy;
        this.listener = listener;
        this.callbacks = Executors.newFixedThreadPool(callbackThreads, daemon(threadPrefix + "-callback"));
        this.sender = Executors.newSingleThreadScheduledExecutor(daemon(threadPrefix + "-retry"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Opens the table's writer (describing the table) ahead of the first row. */
    public void open(String table) {
        table(table);
    }

    public void write(String table, RowChange change, Delivery delivery) {
        Table target = table(table);
        if (target.lanes.add(change, delivery)) {
            send(target, delivery);
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
        tables.values().forEach(t -> t.writer.flush());
    }

    /**
     * Sends every buffered row now, from the sender thread, without waiting for the answers: for
     * when no more rows are coming for a while, so the last rows need not wait for the flush interval.
     */
    public void flushSoon() {
        try {
            sender.execute(() -> tables.values().forEach(RowWriter::flushQuietly));
        } catch (RejectedExecutionException closing) {
            // The writer is closing and flushes on close.
        }
    }

    private static void flushQuietly(Table table) {
        try {
            table.writer.flush();
        } catch (RuntimeException e) {
            log.debug("Flushing the writer of table '{}' failed: {}", table.name, e.getMessage());
        }
    }

    private Table table(String name) {
        Table table = tables.get(name);
        return table != null ? table : tables.computeIfAbsent(name, Table::new);
    }

    /** Hands a row to the SDK; the SDK's own checks (column count, sizes) may refuse it at once. */
    private void send(Table table, Delivery delivery) {
        try {
            table.writer.addRowChange(delivery.change());
        } catch (RuntimeException e) {
            Delivery refused = table.lanes.settle(delivery.change());
            if (refused != null) {
                listener.failed(refused, "Tablestore refused the row: " + e.getMessage(), e);
                releaseHeldBehind(table, refused);
            }
        }
    }

    /** After a row is settled and reported: the row of its key that it held back goes to the SDK. */
    private void releaseHeldBehind(Table table, Delivery settled) {
        if (settled.heldBehind() != null) {
            release(table, settled.heldBehind());
        }
    }

    /** A row that waited (behind its key, or for its retry) goes to the SDK from the sender thread. */
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
     * Hands the rows that waited (behind their key, or for a retry) to the SDK, then flushes their
     * tables: those rows waited already, so they do not wait for the flush interval as well.
     */
    private void sendReleased() {
        do {
            Set<Table> touched = new HashSet<>();
            Release release;
            while ((release = released.poll()) != null) {
                send(release.table(), release.delivery());
                touched.add(release.table());
            }
            touched.forEach(RowWriter::flushQuietly);
            releasing.set(false);
        } while (!released.isEmpty() && releasing.compareAndSet(false, true));
    }

    private record Release(Table table, Delivery delivery) {
    }

    /** One table's SDK writer and its rows in flight. */
    private final class Table implements TableStoreCallback<RowChange, ConsumedCapacity> {
        private final String name;
        private final KeyLanes lanes = new KeyLanes(settings.keepOrder());
        private final TableStoreWriter writer;

        Table(String name) {
            this.name = name;
            this.writer = new DefaultTableStoreWriter(client, name, settings.toWriterConfig(), this, callbacks);
        }

        @Override
        public void onCompleted(RowChange change, ConsumedCapacity capacity) {
            Delivery delivery = lanes.settle(change);
            if (delivery != null) {
                listener.written(delivery);
                releaseHeldBehind(this, delivery);
            }
        }

        @Override
        public void onFailed(RowChange change, Exception error) {
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

    @Override
    public void close() {
        sender.shutdownNow();
        for (Table table : tables.values()) {
            try {
                table.writer.close();
            } catch (RuntimeException e) {
                log.warn("Closing the writer of table '{}' failed: {}", table.name, e.getMessage());
            }
        }
        tables.clear();
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
