package io.sinkline.emulator.tablestore.engine;

import io.sinkline.emulator.tablestore.error.OtsErrorCode;
import io.sinkline.emulator.tablestore.error.OtsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The instance's wide-column tables by name. */
public final class TableCatalog {

    /** Told when tables come and go or change their settings (streams follow tables this way). */
    public interface Listener {
        void tableCreated(Table table);

        void tableUpdated(Table table);

        void tableDeleted(Table table);
    }

    private final ConcurrentHashMap<String, Table> tables = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final LongSupplier clockMillis;
    private final AtomicLong changes = new AtomicLong();

    public TableCatalog(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public LongSupplier clock() {
        return clockMillis;
    }

    public Table create(TableSchema schema, TableOptions options, StreamSettings stream) {
        Table table = new Table(schema, options, stream, clockMillis, changes);
        if (tables.putIfAbsent(schema.name(), table) != null) {
            throw new OtsException(OtsErrorCode.OBJECT_ALREADY_EXIST, "Requested table already exists.");
        }
        changes.incrementAndGet();
        listeners.forEach(l -> l.tableCreated(table));
        return table;
    }

    public Table get(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw OtsException.notExist("Requested table does not exist.");
        }
        return t;
    }

    public boolean exists(String name) {
        return tables.containsKey(name);
    }

    public void updated(Table table) {
        changes.incrementAndGet();
        listeners.forEach(l -> l.tableUpdated(table));
    }

    public void delete(String name) {
        Table t = tables.remove(name);
        if (t == null) {
            throw OtsException.notExist("Requested table does not exist.");
        }
        changes.incrementAndGet();
        listeners.forEach(l -> l.tableDeleted(t));
    }

    /** Grows with every change to tables or rows; snapshots compare it to know whether to write. */
    public long changeCount() {
        return changes.get();
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(tables.keySet());
        names.sort(null);
        return names;
    }

    public Collection<Table> tables() {
        return tables.values();
    }
}
