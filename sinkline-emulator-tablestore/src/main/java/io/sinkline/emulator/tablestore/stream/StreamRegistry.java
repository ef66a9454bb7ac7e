package io.sinkline.emulator.tablestore.stream;

import io.sinkline.emulator.tablestore.engine.RowChange;
import io.sinkline.emulator.tablestore.engine.RowChangeListener;
import io.sinkline.emulator.tablestore.engine.StreamSettings;
import io.sinkline.emulator.tablestore.engine.Table;
import io.sinkline.emulator.tablestore.engine.TableCatalog;
import io.sinkline.emulator.tablestore.error.OtsException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The streams of the instance's tables: follows tables as they are created, updated and deleted,
 * records their changes, and lets tests split and merge shards.
 */
public final class StreamRegistry implements TableCatalog.Listener, RowChangeListener {
    private final ConcurrentHashMap<String, TableStream> byStreamId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TableStream> byTable = new ConcurrentHashMap<>();
    private final LongSupplier clockMillis;

    public StreamRegistry(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    public long nowMicros() {
        return clockMillis.getAsLong() * 1000;
    }

    @Override
    public void tableCreated(Table table) {
        follow(table);
    }

    @Override
    public void tableUpdated(Table table) {
        follow(table);
    }

    @Override
    public void tableDeleted(Table table) {
        table.listener(null);
        TableStream s = byTable.remove(table.name());
        if (s != null) {
            byStreamId.remove(s.streamId());
        }
    }

    private synchronized void follow(Table table) {
        StreamSettings settings = table.stream();
        TableStream current = byTable.get(table.name());
        if (!settings.enabled()) {
            table.listener(null);
            if (current != null) {
                byTable.remove(table.name());
                byStreamId.remove(current.streamId());
            }
            return;
        }
        if (current != null && current.streamId().equals(settings.streamId())) {
            current.expirationHours(settings.expirationHours());
            return;
        }
        TableStream s = new TableStream(settings.streamId(), table.name(), settings.lastEnableTimeMicros(),
                settings.expirationHours());
        byTable.put(table.name(), s);
        byStreamId.put(s.streamId(), s);
        table.listener(this);
    }

    @Override
    public void rowChanged(Table table, RowChange change) {
        TableStream s = byTable.get(table.name());
        if (s != null) {
            s.append(change);
        }
    }

    public TableStream stream(String streamId) {
        TableStream s = byStreamId.get(streamId);
        if (s == null) {
            throw OtsException.notExist("Stream does not exist: " + streamId + ".");
        }
        return s;
    }

    /** Streams, optionally of one table only. */
    public List<TableStream> streams(String tableName) {
        List<TableStream> out = new ArrayList<>();
        for (TableStream s : byTable.values()) {
            if (tableName == null || tableName.isEmpty() || s.tableName().equals(tableName)) {
                out.add(s);
            }
        }
        out.sort((a, b) -> a.tableName().compareTo(b.tableName()));
        return out;
    }

    private TableStream ofTable(String tableName) {
        TableStream s = byTable.get(tableName);
        if (s == null) {
            throw OtsException.notExist("Table has no stream: " + tableName + ".");
        }
        return s;
    }

    /** Test control: closes an open shard of the table's stream and opens two children; returns their ids. */
    public List<String> splitShard(String tableName, String shardId) {
        return ofTable(tableName).split(shardId, nowMicros());
    }

    /** Test control: closes two adjacent open shards and opens one child; returns its id. */
    public String mergeShards(String tableName, String shardId, String siblingId) {
        return ofTable(tableName).merge(shardId, siblingId, nowMicros());
    }

    /** The ids of the table's shards, parents first. */
    public List<String> shardIds(String tableName) {
        List<String> ids = new ArrayList<>();
        ofTable(tableName).shards(nowMicros()).forEach(s -> ids.add(s.id()));
        return ids;
    }
}
