package io.sinkline.core.offsets;

import java.util.function.IntSupplier;

import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Commits promptly once the input pauses. Connect commits a sink's offsets every
 * {@code offset.flush.interval.ms} (60 s by default) and, when no records come, waits in its poll
 * until that commit; {@code put()} returns before the rows are written, so after the last record
 * of a burst its offsets would wait for the sink's own flush and then for the next commit (and be
 * written again after a crash meanwhile). Instead, while records put are unsettled, Connect polls
 * again after {@link #IDLE_POLL_MS} even when nothing arrives, so the sink's time-based flush runs
 * on time; an empty poll means the input paused: {@code onPause} runs once (a sink may send what
 * it buffered), and once every record is settled the task asks Connect to commit. While records
 * keep arriving nothing changes. Task thread only.
 */
public final class IdleCommit {

    /** How long a poll waits for records while records are unsettled, before the input counts as paused. */
    public static final long IDLE_POLL_MS = 50;

    private final SinkTaskContext context;
    private final IntSupplier unsettledRecords;
    private final Runnable onPause;
    /** Records were put since the last commit this asked for. */
    private boolean unsettled;
    /** {@code onPause} ran since the last records arrived. */
    private boolean paused;

    /**
     * @param unsettledRecords the records put and not yet written or handed to the error policy
     * @param onPause runs once per pause, without waiting for anything (a no-op for sinks that flush by time only)
     */
    public IdleCommit(SinkTaskContext context, IntSupplier unsettledRecords, Runnable onPause) {
        this.context = context;
        this.unsettledRecords = unsettledRecords;
        this.onPause = onPause;
    }

    /** After each {@code put()}, with the number of records it brought (zero: the poll found none). */
    public void afterPut(int records) {
        if (records > 0) {
            unsettled = true;
            paused = false;
        } else if (unsettled) {
            if (unsettledRecords.getAsInt() == 0) {
                context.requestCommit();
                unsettled = false;
                return;
            }
            if (!paused) {
                onPause.run();
                paused = true;
            }
        }
        if (unsettled) {
            context.timeout(IDLE_POLL_MS);
        }
    }
}
