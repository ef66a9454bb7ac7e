package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SDK's row changes with a slot for the {@link Delivery} they carry. A request's answer names
 * its rows by their place in the request, which holds the very rows it was given (the SDK
 * client's own retries included), so the answer finds each row's delivery in the slot, with no map
 * from rows to deliveries: a ConcurrentHashMap keyed by row identity took 7% of the task threads'
 * time in a profile of the benchmark, and its removals on the callback threads contended for its
 * size counter. {@link RowWriter} takes only these rows.
 */
public final class TrackedRows {

    private TrackedRows() {
    }

    public static RowPutChange put(String table, PrimaryKey key) {
        return new Put(table, key);
    }

    public static RowUpdateChange update(String table, PrimaryKey key) {
        return new Update(table, key);
    }

    public static RowDeleteChange delete(String table, PrimaryKey key) {
        return new Delete(table, key);
    }

    /** The delivery slot of a row made here: set while the row is with the writer, empty once settled. */
    static AtomicReference<Delivery> slotOf(RowChange change) {
        if (change instanceof Tracked tracked) {
            return tracked.slot();
        }
        throw new IllegalArgumentException("the writer takes rows made by TrackedRows, not a "
                + change.getClass().getName());
    }

    private interface Tracked {
        AtomicReference<Delivery> slot();
    }

    private static final class Put extends RowPutChange implements Tracked {
        private final AtomicReference<Delivery> slot = new AtomicReference<>();

        Put(String table, PrimaryKey key) {
            super(table, key);
        }

        @Override
        public AtomicReference<Delivery> slot() {
            return slot;
        }
    }

    private static final class Update extends RowUpdateChange implements Tracked {
        private final AtomicReference<Delivery> slot = new AtomicReference<>();

        Update(String table, PrimaryKey key) {
            super(table, key);
        }

        @Override
        public AtomicReference<Delivery> slot() {
            return slot;
        }
    }

    private static final class Delete extends RowDeleteChange implements Tracked {
        private final AtomicReference<Delivery> slot = new AtomicReference<>();

        Delete(String table, PrimaryKey key) {
            super(table, key);
        }

        @Override
        public AtomicReference<Delivery> slot() {
            return slot;
        }
    }
}
