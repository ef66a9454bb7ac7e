package io.sinkline.tablestore.write;

import io.sinkline.core.errors.RetryPolicy;
import io.sinkline.core.offsets.PendingRecord;
import org.apache.kafka.connect.sink.SinkRecord;

/** One record on its way to the service: what to acknowledge, and its retries so far. */
public final class Delivery {
    private final SinkRecord record;
    private final PendingRecord pending;
    private RetryPolicy.Attempts attempts;

    public Delivery(SinkRecord record, PendingRecord pending) {
        this.record = record;
        this.pending = pending;
    }

    public SinkRecord record() {
        return record;
    }

    public PendingRecord pending() {
        return pending;
    }

    /** Started at the first failure; one delivery is retried by one thread at a time. */
    public synchronized RetryPolicy.Attempts attempts(RetryPolicy policy) {
        if (attempts == null) {
            attempts = policy.start();
        }
        return attempts;
    }
}
