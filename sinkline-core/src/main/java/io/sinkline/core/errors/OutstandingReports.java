package io.sinkline.core.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The reports a reporter started and has not yet confirmed: successful ones leave on completion.
 *
 * <p>A failure is sticky. Connect treats an exception from {@code preCommit()} as "skip this
 * commit", not as fatal: if the failure were forgotten after one failed flush, the next commit
 * would cover the lost report's offset. So once a report failed, every later {@link #awaitAll}
 * and {@link #throwIfFailed} throws, until the task fails and Kafka redelivers from the last
 * committed offset.
 */
final class OutstandingReports {

    private final String destination;
    private final Set<CompletableFuture<Void>> outstanding = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<Void>> failed = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    OutstandingReports(String destination) {
        this.destination = destination;
    }

    CompletableFuture<Void> add(CompletableFuture<Void> report) {
        outstanding.add(report);
        report.whenComplete((ok, error) -> {
            if (error != null) {
                recordFailure(report, error);
            }
            outstanding.remove(report);
        });
        return report;
    }

    /** Waits for every report started so far; throws if any report ever failed. */
    void awaitAll() {
        List<CompletableFuture<Void>> snapshot = new ArrayList<>(outstanding);
        for (CompletableFuture<Void> report : snapshot) {
            try {
                report.join();
            } catch (CompletionException | CancellationException e) {
                recordFailure(report, e.getCause() == null ? e : e.getCause());
            }
            outstanding.remove(report);
        }
        throwIfFailed();
    }

    /** Throws, naming the first failure, if any report failed so far. */
    void throwIfFailed() {
        Throwable first = firstFailure.get();
        if (first != null) {
            throw new ConnectException(failed.size() + " failed record(s) could not be reported to " + destination
                    + "; offsets from the first of them on are not committed, so Kafka will redeliver them", first);
        }
    }

    /** Called by the completion callback and by a waiting flush; whichever comes first counts it. */
    private void recordFailure(CompletableFuture<Void> report, Throwable error) {
        if (failed.add(report)) {
            firstFailure.compareAndSet(null, error);
        }
    }

    int size() {
        return outstanding.size();
    }
}
