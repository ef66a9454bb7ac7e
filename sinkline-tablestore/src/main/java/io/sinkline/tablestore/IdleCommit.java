package io.sinkline.tablestore;

import java.util.function.IntSupplier;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Commits promptly once the input pauses. Connect commits a sink's offsets every
 * {@code offset.flush.interval.ms} (60 s by default), and {@code put()} returns before the rows are
 * written, so after the last record of a burst its offsets would wait for the SDK writer's flush
 * interval and then for the next commit. Instead, while rows put are unsettled, Connect polls again
 * after {@link #IDLE_POLL_MS} even when nothing arrives; an empty poll means the input paused: the
 * buffered rows are sent at once, and once every row is settled the task asks Connect to commit.
 * While records keep arriving nothing changes. Task thread only.
 */
final class IdleCommit {
    /** How long a poll waits for records while rows are unsettled, before the input counts as paused. */
    static final long IDLE_POLL_MS = 50;

    private final SinkTaskContext context;
    private final IntSupplier unsettledRows;
    private final Runnable sendBuffered;
    /** Rows were put since the last commit this asked for. */
    private boolean unsettled;
    /** The buffered rows were sent since the last records arrived. */
    private boolean flushed;

    /**
     * @param unsettledRows the rows put and not yet written or handed to the error policy
     * @param sendBuffered sends the buffered rows now, without waiting for the answers
     */
    IdleCommit(SinkTaskContext context, IntSupplier unsettledRows, Runnable sendBuffered) {
        this.context = context;
        this.unsettledRows = unsettledRows;
        this.sendBuffered = sendBuffered;
    }

    /** After each {@code put()}, with the number of records it brought (zero: the poll found none). */
    void afterPut(int records) {
        if (records > 0) {
            unsettled = true;
            flushed = false;
        } else if (unsettled) {
            if (unsettledRows.getAsInt() == 0) {
                context.requestCommit();
                unsettled = false;
                return;
            }
            if (!flushed) {
                sendBuffered.run();
                flushed = true;
            }
        }
        if (unsettled) {
            context.timeout(IDLE_POLL_MS);
        }
    }
}
