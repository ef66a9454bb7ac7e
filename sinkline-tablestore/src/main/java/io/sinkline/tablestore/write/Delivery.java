package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.model.RowChange;
import io.sinkline.core.errors.RetryPolicy;
import io.sinkline.core.offsets.PendingRecord;
import org.apache.kafka.connect.sink.SinkRecord;

/** One record on its way to the service: what to acknowledge, its row, and its retries so far. */
public final class Delivery {
    private final SinkRecord record;
    private final PendingRecord pending;
    private RetryPolicy.Attempts attempts;
    // Set by the writer's KeyLanes (under its lock) while the row is in flight; no lane when order is not kept.
    private RowChange change;
    private KeyLanes.Lane lane;
    /** The next row of the same primary key in its lane; guarded by the lanes' lock. */
    Delivery next;
    private Delivery heldBehind;
    /** Once a request of several rows failed as a whole for a reason retrying cannot fix: sent alone since. */
    private volatile boolean alone;

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

    RowChange change() {
        return change;
    }

    KeyLanes.Lane lane() {
        return lane;
    }

    void inLane(RowChange change, KeyLanes.Lane lane) {
        this.change = change;
        this.lane = lane;
    }

    void settled(Delivery heldBehind) {
        this.heldBehind = heldBehind;
        this.next = null;
    }

    void sendAlone() {
        alone = true;
    }

    boolean sendsAlone() {
        return alone;
    }

    /** Once settled, with ordered writes: the row of the same key this one held back, or null. */
    Delivery heldBehind() {
        return heldBehind;
    }
}
