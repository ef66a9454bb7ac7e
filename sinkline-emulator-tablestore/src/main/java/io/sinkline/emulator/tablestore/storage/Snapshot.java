package io.sinkline.emulator.tablestore.storage;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DefinedColumnType;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import io.sinkline.emulator.tablestore.engine.Cell;
import io.sinkline.emulator.tablestore.engine.DefinedColumn;
import io.sinkline.emulator.tablestore.engine.PrimaryKeyColumnSchema;
import io.sinkline.emulator.tablestore.engine.RowKey;
import io.sinkline.emulator.tablestore.engine.StoredRow;
import io.sinkline.emulator.tablestore.engine.StreamSettings;
import io.sinkline.emulator.tablestore.engine.Table;
import io.sinkline.emulator.tablestore.engine.TableCatalog;
import io.sinkline.emulator.tablestore.engine.TableOptions;
import io.sinkline.emulator.tablestore.engine.TableSchema;
import io.sinkline.emulator.tablestore.timeseries.Series;
import io.sinkline.emulator.tablestore.timeseries.SeriesKey;
import io.sinkline.emulator.tablestore.timeseries.TimeseriesCatalog;
import io.sinkline.emulator.tablestore.timeseries.TimeseriesTable;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The snapshot file format: every wide-column table (schema, options, stream settings, all cells
 * with their versions) and every time-series table (options, series meta, points). Stream records
 * are not kept: after a restart a table's stream starts empty.
 */
final class Snapshot {
    static final String MAGIC = "sinkline-tablestore-snapshot";
    static final int VERSION = 1;

    private Snapshot() {
    }

    static void write(DataOutputStream out, TableCatalog tables, TimeseriesCatalog timeseries) throws IOException {
        out.writeUTF(MAGIC);
        out.writeInt(VERSION);
        List<Table> all = new ArrayList<>(tables.tables());
        out.writeInt(all.size());
        for (Table t : all) {
            writeTable(out, t);
        }
        List<TimeseriesTable> ts = timeseries.tables();
        out.writeInt(ts.size());
        for (TimeseriesTable t : ts) {
            writeTimeseriesTable(out, t);
        }
    }

    static void read(DataInputStream in, TableCatalog tables, TimeseriesCatalog timeseries) throws IOException {
        if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
            throw new IOException("Not a snapshot of this emulator version");
        }
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            readTable(in, tables);
        }
        int m = in.readInt();
        for (int i = 0; i < m; i++) {
            readTimeseriesTable(in, timeseries);
        }
    }

    private static void writeTable(DataOutputStream out, Table t) throws IOException {
        TableSchema s = t.schema();
        out.writeUTF(s.name());
        out.writeUTF(s.tableId());
        out.writeLong(s.creationTimeMicros());
        out.writeInt(s.primaryKey().size());
        for (PrimaryKeyColumnSchema c : s.primaryKey()) {
            out.writeUTF(c.name());
            out.writeUTF(c.type().name());
            out.writeBoolean(c.autoIncrement());
        }
        out.writeInt(s.definedColumns().size());
        for (DefinedColumn d : s.definedColumns()) {
            out.writeUTF(d.name());
            out.writeUTF(d.type().name());
        }
        TableOptions o = t.options();
        out.writeInt(o.timeToLiveSeconds());
        out.writeInt(o.maxVersions());
        out.writeLong(o.maxVersionOffsetSeconds());
        out.writeBoolean(o.allowUpdate());
        StreamSettings st = t.stream();
        out.writeBoolean(st.enabled());
        if (st.enabled()) {
            out.writeUTF(st.streamId());
            out.writeInt(st.expirationHours());
            out.writeLong(st.lastEnableTimeMicros());
            out.writeInt(st.columnsToGet().size());
            for (String c : st.columnsToGet()) {
                out.writeUTF(c);
            }
        }
        int[] rt = t.reservedThroughput();
        out.writeInt(rt[0]);
        out.writeInt(rt[1]);
        for (Map.Entry<RowKey, StoredRow> e : t.storedRows()) {
            out.writeBoolean(true);
            PrimaryKeyColumn[] pk = e.getKey().primaryKey(s.primaryKey()).getPrimaryKeyColumns();
            for (PrimaryKeyColumn c : pk) {
                ValueIO.write(out, c.getValue());
            }
            List<Cell> cells = e.getValue().allCells();
            out.writeInt(cells.size());
            for (Cell c : cells) {
                out.writeUTF(c.name());
                out.writeLong(c.timestamp());
                ValueIO.write(out, c.value());
            }
        }
        out.writeBoolean(false);
    }

    private static void readTable(DataInputStream in, TableCatalog tables) throws IOException {
        String name = in.readUTF();
        String tableId = in.readUTF();
        long created = in.readLong();
        int pkCount = in.readInt();
        List<PrimaryKeyColumnSchema> pk = new ArrayList<>();
        for (int i = 0; i < pkCount; i++) {
            pk.add(new PrimaryKeyColumnSchema(in.readUTF(), PrimaryKeyType.valueOf(in.readUTF()), in.readBoolean()));
        }
        int definedCount = in.readInt();
        List<DefinedColumn> defined = new ArrayList<>();
        for (int i = 0; i < definedCount; i++) {
            defined.add(new DefinedColumn(in.readUTF(), DefinedColumnType.valueOf(in.readUTF())));
        }
        TableOptions options = new TableOptions(in.readInt(), in.readInt(), in.readLong(), in.readBoolean());
        StreamSettings stream = StreamSettings.DISABLED;
        if (in.readBoolean()) {
            String id = in.readUTF();
            int hours = in.readInt();
            long lastEnable = in.readLong();
            int cols = in.readInt();
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < cols; i++) {
                columns.add(in.readUTF());
            }
            stream = new StreamSettings(true, id, hours, lastEnable, List.copyOf(columns));
        }
        Table table = tables.create(new TableSchema(name, List.copyOf(pk), List.copyOf(defined), created, tableId), options, stream);
        table.reservedThroughput(in.readInt(), in.readInt());
        while (in.readBoolean()) {
            List<PrimaryKeyColumn> key = new ArrayList<>(pkCount);
            for (PrimaryKeyColumnSchema c : pk) {
                key.add(new PrimaryKeyColumn(c.name(), ValueIO.readPrimaryKey(in)));
            }
            int n = in.readInt();
            List<Cell> cells = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                cells.add(new Cell(in.readUTF(), in.readLong(), ValueIO.readColumn(in)));
            }
            table.restore(new PrimaryKey(key), cells);
        }
    }

    private static void writeTimeseriesTable(DataOutputStream out, TimeseriesTable t) throws IOException {
        out.writeUTF(t.name());
        out.writeInt(t.timeToLiveSeconds());
        out.writeInt(t.metaTimeToLiveSeconds());
        out.writeBoolean(t.allowUpdateAttributes());
        out.writeLong(t.creationTimeMicros());
        out.writeInt(t.timeseriesKeySchema().size());
        for (String k : t.timeseriesKeySchema()) {
            out.writeUTF(k);
        }
        for (Series s : t.allSeries()) {
            out.writeBoolean(true);
            out.writeUTF(s.key().measurement());
            out.writeUTF(s.key().dataSource());
            writeStrings(out, s.key().tags());
            writeStrings(out, s.attributes());
            out.writeLong(s.updateTimeMicros());
            for (Map.Entry<Long, Map<String, ColumnValue>> p : s.points().entrySet()) {
                out.writeBoolean(true);
                out.writeLong(p.getKey());
                out.writeInt(p.getValue().size());
                for (Map.Entry<String, ColumnValue> f : p.getValue().entrySet()) {
                    out.writeUTF(f.getKey());
                    ValueIO.write(out, f.getValue());
                }
            }
            out.writeBoolean(false);
        }
        out.writeBoolean(false);
    }

    private static void readTimeseriesTable(DataInputStream in, TimeseriesCatalog catalog) throws IOException {
        String name = in.readUTF();
        int ttl = in.readInt();
        int metaTtl = in.readInt();
        boolean allowUpdate = in.readBoolean();
        long created = in.readLong();
        int keys = in.readInt();
        List<String> keySchema = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            keySchema.add(in.readUTF());
        }
        TimeseriesTable t = new TimeseriesTable(name, ttl, metaTtl, allowUpdate, keySchema, created);
        catalog.create(t);
        while (in.readBoolean()) {
            SeriesKey key = new SeriesKey(in.readUTF(), in.readUTF(), readStrings(in));
            SortedMap<String, String> attrs = readStrings(in);
            long updated = in.readLong();
            Series s = t.seriesFor(key, updated);
            s.attributes(attrs, updated);
            while (in.readBoolean()) {
                long time = in.readLong();
                int n = in.readInt();
                Map<String, ColumnValue> fields = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    fields.put(in.readUTF(), ValueIO.readColumn(in));
                }
                s.put(time, fields);
            }
        }
    }

    private static void writeStrings(DataOutputStream out, Map<String, String> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    private static SortedMap<String, String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        SortedMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(in.readUTF(), in.readUTF());
        }
        return m;
    }
}
