package io.sinkline.maxcompute.tunnel;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sinkline.core.errors.RetryPolicy;
import io.sinkline.core.metrics.SinkTaskMetrics;
import io.sinkline.maxcompute.errors.WriteFailures;

/**
 * Retries an asynchronous write step under the retry policy, waiting without holding a thread;
 * once the policy gives up the step fails with a message naming what failed and how often. A
 * refusal of the data itself ({@link WriteFailures}) is not retried: it fails the step at once.
 */
public final class WriteRetries {

    private static final Logger LOG = LoggerFactory.getLogger(WriteRetries.class);

    private final RetryPolicy policy;
    private final Executor executor;
    private final SinkTaskMetrics metrics;

    public WriteRetries(RetryPolicy policy, Executor executor, SinkTaskMetrics metrics) {
        this.policy = policy;
        this.executor = executor;
        this.metrics = metrics;
    }

    /** Runs {@code step}, which writes {@code rows} rows, until it succeeds or the policy gives up. */
    public <T> CompletableFuture<T> run(String what, int rows, Supplier<CompletableFuture<T>> step) {
        return attempt(what, rows, step, policy.start());
    }

    private <T> CompletableFuture<T> attempt(String what, int rows, Supplier<CompletableFuture<T>> step,
                                             RetryPolicy.Attempts attempts) {
        CompletableFuture<T> first;
        try {
            first = step.get();
        } catch (RuntimeException e) {
            first = CompletableFuture.failedFuture(e);
        }
        return first.exceptionallyCompose(failure -> {
            Throwable cause = unwrap(failure);
            if (WriteFailures.isDataRejection(cause)) {
                return CompletableFuture.failedFuture(cause); // the same rows fail the same way: never retried
            }
            Optional<Duration> delay = attempts.nextDelay();
            if (delay.isEmpty()) {
                return CompletableFuture.failedFuture(new ConnectException(
                        what + " failed after " + attempts.retries() + " retries: " + cause.getMessage(), cause));
            }
            LOG.warn("{} failed ({}); retry {} in {} ms", what, cause.toString(), attempts.retries(), delay.get().toMillis());
            metrics.recordsRetried(rows);
            Executor later = CompletableFuture.delayedExecutor(delay.get().toMillis(), TimeUnit.MILLISECONDS, executor);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(ignored -> attempt(what, rows, step, attempts));
        });
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
