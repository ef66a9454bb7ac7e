package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.RowChange;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

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
 * <p>Unordered: every row goes to the SDK at once and no lanes are kept; only a row's delivery is
 * found again.
 *
 * <p>Thread-safe: the task thread adds rows, callback threads settle them. The callbacks find a
 * row's delivery in the row itself ({@link TrackedRows}) and its lane through its delivery: they
 * never hash the row's primary key, whose objects are long out of the CPU cache by then (hashing
 * it there cost a sixth of the callback threads' time in a profile). Lanes are locked in stripes: with one lock, a thread
 * descheduled while holding it made the others wait 10 ms and more (JFR monitor events).
 */
final class KeyLanes {
    /** Lock stripes: the task thread and the callback threads rarely want the same one. */
    private static final int STRIPE_BITS = 6;
    private static final int STRIPES = 1 << STRIPE_BITS;

    private final boolean ordered;
    private final Stripe[] stripes = new Stripe[STRIPES];
    private final LongAdder unsettled = new LongAdder();

    KeyLanes(boolean ordered) {
        this.ordered = ordered;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Adds a row at the end of its key's lane.
     *
     * @return whether it may go to the SDK now (false: an earlier row of its key holds it back)
     */
    boolean add(RowChange change, Delivery delivery) {
        // In its slot before a lane links it: once linked, a settling row may release it to the SDK.
        TrackedRows.slotOf(change).set(delivery);
        unsettled.increment();
        if (!ordered) {
            delivery.inLane(change, null);
            return true;
        }
        LaneKey key = new LaneKey(change.getPrimaryKey());
        Stripe stripe = stripes[stripeOf(key.hash)];
        boolean first;
        synchronized (stripe) {
            Lane lane = stripe.lanes.get(key);
            first = lane == null;
            if (first) {
                lane = new Lane(stripe, key, delivery);
                stripe.lanes.put(key, lane);
            } else {
                lane.last.next = delivery;
                lane.last = delivery;
            }
            delivery.inLane(change, lane);
        }
        return first;
    }

    /**
     * The stripe of a key hash: its high bits after a multiplicative mix. Not its low bits: the
     * stripe's HashMap picks a bucket by those, so every key of a stripe fell into the same few
     * buckets, which HashMap turned into trees (a tenth of the task thread's and a fifth of the
     * callback threads' time in a profile of the benchmark).
     */
    static int stripeOf(int keyHash) {
        return (keyHash * 0x9E3779B9) >>> (Integer.SIZE - STRIPE_BITS);
    }

    /** The delivery of a row that is with the SDK, or null when it was settled already. */
    Delivery find(RowChange change) {
        return TrackedRows.slotOf(change).get();
    }

    /**
     * Removes a settled row from its lane.
     *
     * @return its delivery, or null when it was settled already; when ordered, {@link Delivery#heldBehind()}
     *     is then the row of the same key it held back, which the caller hands to the SDK next
     */
    Delivery settle(RowChange change) {
        Delivery settled = TrackedRows.slotOf(change).getAndSet(null);
        if (settled == null) {
            return null;
        }
        unsettled.decrement();
        if (!ordered) {
            return settled;
        }
        Lane lane = settled.lane();
        synchronized (lane.stripe) {
            Delivery previous = null;
            for (Delivery d = lane.first; d != settled; d = d.next) {
                previous = d;
            }
            if (previous == null) {
                lane.first = settled.next;
            } else {
                previous.next = settled.next;
            }
            if (lane.last == settled) {
                lane.last = previous;
            }
            if (lane.first == null) {
                lane.stripe.lanes.remove(lane.key);
            }
            settled.settled(previous == null ? settled.next : null);
        }
        return settled;
    }

    /** Rows added and not settled, held back ones included. */
    int size() {
        return unsettled.intValue();
    }

    /** One lock and the lanes of the keys whose hash falls on it. */
    private static final class Stripe {
        private final Map<LaneKey, Lane> lanes = new HashMap<>();
    }

    /**
     * A primary key with its hash computed once: the SDK's PrimaryKey computes it over every
     * column at each call.
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
    static final class Lane {
        private final Stripe stripe;
        private final LaneKey key;
        private Delivery first;
        private Delivery last;

        private Lane(Stripe stripe, LaneKey key, Delivery only) {
            this.stripe = stripe;
            this.key = key;
            this.first = only;
            this.last = only;
        }
    }
}
