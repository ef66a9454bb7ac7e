package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.AsyncClientInterface;
import com.alicloud.openservices.tablestore.DefaultTableStoreWriter;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.TableStoreWriter;
import com.alicloud.openservices.tablestore.model.ConsumedCapacity;
import com.alicloud.openservices.tablestore.model.RowChange;
import io.sinkline.core.errors.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes row changes of one task to any number of data tables: one SDK {@link TableStoreWriter}
 * per table (batched BatchWriteRow, bounded requests in flight, flush interval), each row
 * acknowledged or failed individually through its callback. {@link #write} returns once the row
 * is buffered; it blocks only while the buffer is full. A failed row that retrying may fix is
 * re-sent alone after the retry policy's delay; the others go to the listener.
 */
public final class RowWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RowWriter.class);

    private final AsyncClientInterface client;
    private final WriterSettings settings;
    private final RetryPolicy retryPolicy;
    private final DeliveryListener listener;
    private final ExecutorService callbacks;
    private final ScheduledExecutorService retries;
    private final Map<String, TableStoreWriter> writers = new ConcurrentHashMap<>();
    // The SDK hands back the RowChange object we gave it; identity finds its delivery (RowChange
    // keeps Object's equals and hashCode). Concurrent: the task thread adds, callback threads remove.
    private final Map<RowChange, Delivery> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger scheduledRetries = new AtomicInteger();

    public RowWriter(AsyncClientInterface client, WriterSettings settings, RetryPolicy retryPolicy,
                     DeliveryListener listener, int callbackThreads, String threadPrefix) {
        this.client = client;
        this.settings = settings;
        this.retryPolicy = retryPolicy;
        this.listener = listener;
        this.callbacks = Executors.newFixedThreadPool(callbackThreads, daemon(threadPrefix + "-callback"));
        this.retries = Executors.newSingleThreadScheduledExecutor(daemon(threadPrefix + "-retry"));
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
        writerFor(table);
    }

    public void write(String table, RowChange change, Delivery delivery) {
        inFlight.put(change, delivery);
        try {
            writerFor(table).addRowChange(change);
        } catch (RuntimeException e) {
            // The SDK's own checks (column count, sizes) refuse the row before sending it.
            inFlight.remove(change);
            listener.failed(delivery, "Tablestore refused the row: " + e.getMessage(), e);
        }
    }

    /** Rows handed to {@link #write} and not yet acknowledged or failed, retries included. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Sends every buffered row now and waits for the answers (not for scheduled retries). */
    public void flush() {
        writers.values().forEach(TableStoreWriter::flush);
    }

    private TableStoreWriter writerFor(String table) {
        return writers.computeIfAbsent(table, t ->
                new DefaultTableStoreWriter(client, t, settings.toWriterConfig(), new Callback(t), callbacks));
    }

    private final class Callback implements TableStoreCallback<RowChange, ConsumedCapacity> {
        private final String table;

        Callback(String table) {
            this.table = table;
        }

        @Override
        public void onCompleted(RowChange change, ConsumedCapacity capacity) {
            Delivery delivery = inFlight.remove(change);
            if (delivery != null) {
                listener.written(delivery);
            }
        }

        @Override
        public void onFailed(RowChange change, Exception error) {
            Delivery delivery = inFlight.get(change);
            if (delivery == null) {
                return;
            }
            if (RetryableErrors.isRetryable(error)) {
                Optional<Duration> delay = delivery.attempts(retryPolicy).nextDelay();
                if (delay.isPresent()) {
                    listener.retrying(delivery, error);
                    scheduledRetries.incrementAndGet();
                    retries.schedule(() -> resend(table, change), delay.get().toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                inFlight.remove(change);
                listener.failed(delivery, "write still failing after retries (" + retryPolicy + "): "
                        + RetryableErrors.describe(error), error);
                return;
            }
            inFlight.remove(change);
            listener.failed(delivery, "Tablestore rejected the row: " + RetryableErrors.describe(error), error);
        }
    }

    private void resend(String table, RowChange change) {
        scheduledRetries.decrementAndGet();
        Delivery delivery = inFlight.get(change);
        if (delivery == null) {
            return;
        }
        try {
            writerFor(table).addRowChange(change);
        } catch (RuntimeException e) {
            inFlight.remove(change);
            listener.failed(delivery, "Tablestore refused the row: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
        for (Map.Entry<String, TableStoreWriter> writer : writers.entrySet()) {
            try {
                writer.getValue().close();
            } catch (RuntimeException e) {
                log.warn("Closing the writer of table '{}' failed: {}", writer.getKey(), e.getMessage());
            }
        }
        writers.clear();
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
