package io.sinkline.core.errors;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Applies the error tolerance to a record that will not be written: with {@link ErrorTolerance#NONE}
 * the task fails, naming the record and the reason; with {@link ErrorTolerance#ALL} the record goes
 * to the reporter. Retrying comes before this: only a record that exhausted its
 * {@link RetryPolicy}, or that retrying cannot fix, reaches the handler.
 */
public final class ErrorHandler implements AutoCloseable {

    private final ErrorTolerance tolerance;
    private final ErrorReporter reporter;

    /**
     * @param reporter where tolerated records go; never "nowhere" (dropping records silently is
     *                 a defect of the official connectors): use {@link LoggingErrorReporter} at least
     */
    public ErrorHandler(ErrorTolerance tolerance, ErrorReporter reporter) {
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /**
     * @return the report's completion (see {@link ErrorReporter#report})
     * @throws RecordFailedException (a ConnectException) when the tolerance is NONE
     */
    public CompletableFuture<Void> handle(FailedRecord failed) {
        if (tolerance == ErrorTolerance.NONE) {
            throw new RecordFailedException(failed);
        }
        reporter.throwIfFailed();
        return reporter.report(failed);
    }

    /**
     * Call at the start of {@code put()}: throws once an earlier report was lost, which fails the
     * task so that Kafka redelivers from the last committed offset. See {@link ErrorReporter#throwIfFailed()}.
     */
    public void throwIfFailed() {
        reporter.throwIfFailed();
    }

    /** See {@link ErrorReporter#flush()}: call it after taking the committable offsets, before returning them. */
    public void flush() {
        reporter.flush();
    }

    public ErrorTolerance tolerance() {
        return tolerance;
    }

    @Override
    public void close() {
        reporter.close();
    }
}
