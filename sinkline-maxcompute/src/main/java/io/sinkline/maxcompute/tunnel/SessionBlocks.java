package io.sinkline.maxcompute.tunnel;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The block ids of one upload session: handed out to blocks (and to the halves of refused blocks),
 * given back when the service refused the block (a refused block is not staged, so its id is free;
 * a session takes ids below 20,000 only), and the ids that were written, which the commit names.
 */
final class SessionBlocks {

    private final AtomicLong next = new AtomicLong();
    private final Queue<Long> free = new ConcurrentLinkedQueue<>();
    private final Set<Long> written = new ConcurrentSkipListSet<>();

    long take() {
        Long reused = free.poll();
        return reused != null ? reused : next.getAndIncrement();
    }

    void release(long blockId) {
        free.add(blockId);
    }

    void written(long blockId) {
        written.add(blockId);
    }

    Long[] writtenIds() {
        return written.toArray(new Long[0]);
    }
}
