package io.sinkline.core.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The reports a reporter started and has not yet confirmed: successful ones leave on completion,
 * failed ones stay until {@link #awaitAll} reports them, so no failure goes unnoticed.
 */
final class OutstandingReports {

    private final String destination;
    private final Set<CompletableFuture<Void>> outstanding = ConcurrentHashMap.newKeySet();

    OutstandingReports(String destination) {
        this.destination = destination;
    }

    CompletableFuture<Void> add(CompletableFuture<Void> report) {
        outstanding.add(report);
        report.whenComplete((ok, failure) -> {
            if (failure == null) {
                outstanding.remove(report);
            }
        });
        return report;
    }

    /** Waits for every report started so far; throws, naming the first failure, if any failed. */
    void awaitAll() {
        List<CompletableFuture<Void>> snapshot = new ArrayList<>(outstanding);
        Throwable firstFailure = null;
        int failures = 0;
        for (CompletableFuture<Void> report : snapshot) {
            try {
                report.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = e.getCause() == null ? e : e.getCause();
                }
            }
            outstanding.remove(report);
        }
        if (firstFailure != null) {
            throw new ConnectException(failures + " failed record(s) could not be reported to " + destination
                    + "; their offsets are not committed, so Kafka will redeliver them", firstFailure);
        }
    }

    int size() {
        return outstanding.size();
    }
}
