package io.sinkline.maxcompute;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka partitions a task rewound because the service refused encoded blocks of their records
 * (batch Tunnel). Connect redelivers such a partition from the first refused offset; each
 * redelivered record then takes one of these routes. Used by the task thread only.
 */
final class Redeliveries {

    enum Route {
        /** Encoded into a block, as usual. */
        BLOCKS,
        /** Kept as a row with its record, so that a refused row can be found and handed to the error policy. */
        ROWS,
        /** Already durable (its block landed before the rewind): acknowledged, not written twice. */
        DURABLE,
        /** Delivered before Connect seeks back: dropped, it comes again. */
        STALE
    }

    private static final class Rewound {
        final long from;
        final long rowsUntil;
        final long[] durable;
        final long lastDurable;
        boolean seeking = true;

        Rewound(long from, long rowsUntil, long[] durable) {
            this.from = from;
            this.rowsUntil = rowsUntil;
            this.durable = durable;
            this.lastDurable = durable.length == 0 ? -1 : durable[durable.length - 1];
        }
    }

    private final Map<TopicPartition, Rewound> rewound = new HashMap<>();

    boolean isEmpty() {
        return rewound.isEmpty();
    }

    /**
     * The task asked Connect to read {@code partition} again from {@code from}.
     *
     * @param rowsUntil the last refused offset: records up to it are written as rows
     * @param durable offsets at or after {@code from} that are durable already, ascending
     */
    void rewind(TopicPartition partition, long from, long rowsUntil, long[] durable) {
        rewound.put(partition, new Rewound(from, rowsUntil, durable));
    }

    /** Called at the start of each put(): Connect has sought back every partition rewound before it. */
    void sought() {
        rewound.values().forEach(r -> r.seeking = false);
    }

    Route route(TopicPartition partition, long offset) {
        Rewound r = rewound.get(partition);
        if (r == null) {
            return Route.BLOCKS;
        }
        if (r.seeking) {
            return offset >= r.from ? Route.STALE : Route.BLOCKS;
        }
        if (offset > r.rowsUntil && offset >= r.lastDurable) {
            rewound.remove(partition); // past everything the rewind knew about: back to normal
        }
        if (Arrays.binarySearch(r.durable, offset) >= 0) {
            return Route.DURABLE;
        }
        return offset <= r.rowsUntil ? Route.ROWS : Route.BLOCKS;
    }

    /** The partitions were revoked: their next owner reads them from the committed offset. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(rewound::remove);
    }
}
