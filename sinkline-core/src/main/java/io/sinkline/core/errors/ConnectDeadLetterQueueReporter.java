package io.sinkline.core.errors;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Reports to Connect's own dead letter queue ({@code errors.deadletterqueue.*}) through
 * {@link SinkTaskContext#errantRecordReporter()}. Connect writes the original bytes with its
 * converters; the thrown exception carries our reason (and, with
 * {@code errors.deadletterqueue.context.headers.enable=true}, lands in its headers).
 */
public final class ConnectDeadLetterQueueReporter implements ErrorReporter {

    private final ErrantRecordReporter connect;
    /** Connect hands back plain Futures: they are polled on each report and awaited on flush. */
    private final Map<Future<Void>, CompletableFuture<Void>> unconfirmed = new ConcurrentHashMap<>();
    private final OutstandingReports outstanding = new OutstandingReports("Connect's dead letter queue");

    public ConnectDeadLetterQueueReporter(ErrantRecordReporter connect) {
        this.connect = Objects.requireNonNull(connect, "errant record reporter");
    }

    /**
     * Connect's reporter for this task, if the worker offers one: none when the connector has no
     * DLQ or error logging configured, or on a worker older than Kafka 2.6.
     */
    public static Optional<ConnectDeadLetterQueueReporter> from(SinkTaskContext context) {
        try {
            return Optional.ofNullable(context.errantRecordReporter()).map(ConnectDeadLetterQueueReporter::new);
        } catch (NoSuchMethodError | NoClassDefFoundError oldWorker) {
            return Optional.empty();
        }
    }

    @Override
    public CompletableFuture<Void> report(FailedRecord failed) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            Future<Void> inConnect = connect.report(failed.record(), failed.asThrowable());
            unconfirmed.put(inConnect, done);
        } catch (RuntimeException refused) {
            done.completeExceptionally(refused);
        }
        outstanding.add(done);
        confirmFinished(false);
        return done;
    }

    @Override
    public void flush() {
        confirmFinished(true);
        outstanding.awaitAll();
    }

    private void confirmFinished(boolean wait) {
        Iterator<Map.Entry<Future<Void>, CompletableFuture<Void>>> entries = unconfirmed.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Future<Void>, CompletableFuture<Void>> entry = entries.next();
            Future<Void> inConnect = entry.getKey();
            if (!wait && !inConnect.isDone()) {
                continue;
            }
            entries.remove();
            try {
                inConnect.get();
                entry.getValue().complete(null);
            } catch (ExecutionException failed) {
                entry.getValue().completeExceptionally(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                entry.getValue().completeExceptionally(new ConnectException("interrupted while waiting for the dead letter queue", interrupted));
            } catch (RuntimeException cancelled) {
                entry.getValue().completeExceptionally(cancelled);
            }
        }
    }

    /** Connect owns its DLQ producer and awaits it before committing: nothing to release here. */
    @Override
    public void throwIfFailed() {
        outstanding.throwIfFailed();
    }

    @Override
    public void close() {
    }
}
