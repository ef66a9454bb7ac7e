package io.sinkline.core.errors;

import org.apache.kafka.connect.errors.ConnectException;

/** A record could not be written; the message names the record and the reason. */
public final class RecordFailedException extends ConnectException {

    private final transient FailedRecord failed;

    public RecordFailedException(FailedRecord failed) {
        super("Record " + failed.coordinates() + " failed: " + failed.reason(), failed.cause());
        this.failed = failed;
    }

    public FailedRecord failedRecord() {
        return failed;
    }
}
