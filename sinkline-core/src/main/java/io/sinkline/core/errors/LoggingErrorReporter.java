package io.sinkline.core.errors;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Ignore, but log": a WARN per failed record with its coordinates and the reason. Never logs the
 * record's key, value or headers, which may hold personal data or secrets. (Connect's MDC adds
 * the connector and task ids to every line.)
 */
public final class LoggingErrorReporter implements ErrorReporter {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingErrorReporter.class);

    @Override
    public CompletableFuture<Void> report(FailedRecord failed) {
        Throwable cause = failed.cause();
        if (cause == null) {
            LOG.warn("Skipped record {}: {}", failed.coordinates(), failed.reason());
        } else {
            LOG.warn("Skipped record {}: {} ({}: {})", failed.coordinates(), failed.reason(),
                    cause.getClass().getName(), cause.getMessage());
            LOG.debug("Cause of the failure of record {}", failed.coordinates(), cause);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** A log line is as durable as it gets once written. */
    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
