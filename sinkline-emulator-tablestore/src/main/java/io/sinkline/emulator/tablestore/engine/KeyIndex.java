package io.sinkline.emulator.tablestore.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;

/**
 * The keys of a table in order, for ranges. Writes only queue new keys; the first range read after
 * them sorts the queue and merges it into the ordered set. Inserting each key into a set of
 * millions from many request threads was the largest cost of ingest (a cache miss per level of the
 * skip list); merged in key order by one thread, the walk stays in cache.
 *
 * <p>The set may hold keys whose rows were deleted meanwhile; readers skip keys without a row.
 */
final class KeyIndex {
    private final ConcurrentSkipListSet<RowKey> sorted = new ConcurrentSkipListSet<>();
    private final ConcurrentLinkedQueue<RowKey> added = new ConcurrentLinkedQueue<>();

    /** A key that now has a row (called after the row is stored). */
    void add(RowKey key) {
        added.add(key);
    }

    /** A key whose row is gone (called after the row is removed). */
    void remove(RowKey key) {
        synchronized (this) {
            sorted.remove(key);
        }
    }

    /**
     * Every key added before this call, in order. Queued keys whose row is gone ({@code live} false)
     * are dropped: the check and the insert run under the same lock as {@link #remove}, which runs
     * after the row is removed, so a deleted key cannot be left behind.
     */
    NavigableSet<RowKey> keys(Predicate<RowKey> live) {
        if (!added.isEmpty()) {
            synchronized (this) {
                List<RowKey> batch = new ArrayList<>();
                for (RowKey k = added.poll(); k != null; k = added.poll()) {
                    batch.add(k);
                }
                batch.sort(null);
                for (RowKey k : batch) {
                    if (live.test(k)) {
                        sorted.add(k);
                    }
                }
            }
        }
        return sorted;
    }
}
