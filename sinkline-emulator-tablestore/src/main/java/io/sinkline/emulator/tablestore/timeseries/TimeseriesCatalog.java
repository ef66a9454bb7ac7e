package io.sinkline.emulator.tablestore.timeseries;

import io.sinkline.emulator.tablestore.error.OtsErrorCode;
import io.sinkline.emulator.tablestore.error.OtsException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The instance's time-series tables by name. */
public final class TimeseriesCatalog {
    private final ConcurrentSkipListMap<String, TimeseriesTable> tables = new ConcurrentSkipListMap<>();
    private final AtomicLong changes = new AtomicLong();

    /** Records that data or metadata changed (snapshots compare the count to know whether to write). */
    public void touch() {
        changes.incrementAndGet();
    }

    public long changeCount() {
        return changes.get();
    }

    public void create(TimeseriesTable table) {
        if (tables.putIfAbsent(table.name(), table) != null) {
            throw new OtsException(OtsErrorCode.OBJECT_ALREADY_EXIST, "Requested table already exists.");
        }
        touch();
    }

    public TimeseriesTable get(String name) {
        TimeseriesTable t = tables.get(name);
        if (t == null) {
            throw OtsException.notExist("Requested table does not exist.");
        }
        return t;
    }

    public boolean exists(String name) {
        return tables.containsKey(name);
    }

    public void delete(String name) {
        if (tables.remove(name) == null) {
            throw OtsException.notExist("Requested table does not exist.");
        }
        touch();
    }

    public List<TimeseriesTable> tables() {
        return new ArrayList<>(tables.values());
    }
}
