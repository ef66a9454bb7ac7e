package io.sinkline.core.offsets;

import java.util.List;

/**
 * Tells Connect's periodic offset commit apart from the commit it makes right before it closes
 * partitions (rebalance, task stop). Only the closing commit writes what is buffered for those
 * partitions and waits for it: rows that land without their offsets are read again by the next
 * owner (and, with ordered writes, may land after the next owner wrote the key's later rows).
 * The periodic one must not wait, or consumption stalls for a whole upload every
 * {@code offset.flush.interval.ms}; the flush's offsets simply go out with the next commit.
 *
 * <p>Connect gives {@code preCommit} no such hint, so the caller's frames are read (once per
 * commit, not per record). Kafka 4.x {@code WorkerSinkTask} reaches {@code preCommit} through
 * {@code commitOffsets(long)} -> {@code commitOffsets(long, boolean, Collection)} when periodic, and
 * through {@code closePartitions} -> {@code commitOffsets(long, boolean, Collection)} when closing.
 * Any other caller counts as closing, the safe side: it writes and waits.
 */
public final class CommitOccasion {

    private static final String WORKER_SINK_TASK = "org.apache.kafka.connect.runtime.WorkerSinkTask";
    private static final List<String> PERIODIC_CALLERS = List.of("commitOffsets", "commitOffsets");
    private static final StackWalker FRAMES = StackWalker.getInstance();

    private CommitOccasion() {
    }

    /** True when the current thread is in Connect's periodic (not closing) offset commit. */
    public static boolean isPeriodic() {
        List<String> connectCallers = FRAMES.walk(frames -> frames
                .filter(frame -> frame.getClassName().equals(WORKER_SINK_TASK))
                .limit(2)
                .map(StackWalker.StackFrame::getMethodName)
                .toList());
        return connectCallers.equals(PERIODIC_CALLERS);
    }
}
