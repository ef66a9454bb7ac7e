package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.RowChange;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows of one table that were handed to the writer and are not settled yet (written, or
 * failed for good), grouped by primary key in record order: one lane per key.
 *
 * <p>Ordered ({@code insert.order.enable}): only the first row of a lane is with the SDK; the
 * others wait behind it until it is settled, its retries included. So a row whose write failed
 * and waits for a retry holds back the later rows of its own key, and of no other key. (Handing
 * the later rows to the SDK and stopping them once the first one failed is not possible: the SDK
 * may send the next batch before its callback reports the failure.)
 *
 * <p>Unordered: every row goes to the SDK at once; the lanes only find a row's delivery again.
 *
 * <p>Thread-safe: the task thread adds rows, callback threads settle them.
 */
final class KeyLanes {
    private final boolean ordered;
    private final Map<LaneKey, Lane> lanes = new HashMap<>();
    private int rows;

    KeyLanes(boolean ordered) {
        this.ordered = ordered;
    }

    /**
     * Adds a row at the end of its key's lane.
     *
     * @return whether it may go to the SDK now (false: an earlier row of its key holds it back)
     */
    boolean add(RowChange change, Delivery delivery) {
        LaneKey key = new LaneKey(change.getPrimaryKey()); // hashed outside the lock
        synchronized (this) {
            delivery.inLane(change);
            rows++;
            Lane lane = lanes.get(key);
            if (lane == null) {
                lanes.put(key, new Lane(delivery));
                return true;
            }
            lane.last.next = delivery;
            lane.last = delivery;
            return !ordered;
        }
    }

    /** The delivery of a row that is with the SDK, or null when it was settled already. */
    Delivery find(RowChange change) {
        LaneKey key = new LaneKey(change.getPrimaryKey());
        synchronized (this) {
            Lane lane = lanes.get(key);
            for (Delivery d = lane == null ? null : lane.first; d != null; d = d.next) {
                if (d.change() == change) {
                    return d;
                }
            }
            return null;
        }
    }

    /**
     * Removes a settled row from its lane.
     *
     * @return its delivery, or null when it was settled already; when ordered, {@link Delivery#heldBehind()}
     *     is then the row of the same key it held back, which the caller hands to the SDK next
     */
    Delivery settle(RowChange change) {
        LaneKey key = new LaneKey(change.getPrimaryKey());
        synchronized (this) {
            Lane lane = lanes.get(key);
            Delivery previous = null;
            for (Delivery d = lane == null ? null : lane.first; d != null; previous = d, d = d.next) {
                if (d.change() != change) {
                    continue;
                }
                if (previous == null) {
                    lane.first = d.next;
                } else {
                    previous.next = d.next;
                }
                if (lane.last == d) {
                    lane.last = previous;
                }
                if (lane.first == null) {
                    lanes.remove(key);
                }
                rows--;
                d.settled(ordered && previous == null ? d.next : null);
                return d;
            }
            return null;
        }
    }

    /** Rows added and not settled, held back ones included. */
    synchronized int size() {
        return rows;
    }

    /**
     * A primary key with its hash computed once: the SDK's PrimaryKey computes it over every
     * column at each call, and a row's key is looked up twice on each side (add, settle).
     */
    private static final class LaneKey {
        private final PrimaryKey key;
        private final int hash;

        LaneKey(PrimaryKey key) {
            this.key = key;
            this.hash = key.hashCode();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LaneKey that && hash == that.hash && (key == that.key || key.equals(that.key));
        }
    }

    /** The unsettled rows of one primary key, oldest first (linked through {@link Delivery#next}). */
    private static final class Lane {
        Delivery first;
        Delivery last;

        Lane(Delivery only) {
            this.first = only;
            this.last = only;
        }
    }
}
