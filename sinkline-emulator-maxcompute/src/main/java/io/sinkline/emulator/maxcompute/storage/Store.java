package io.sinkline.emulator.maxcompute.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import com.aliyun.odps.Column;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.type.TypeInfo;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import io.sinkline.emulator.maxcompute.http.OdpsError;

/**
 * Tables, partitions and rows of one project, kept in DuckDB (a file under the data dir, or in memory).
 * Each MaxCompute table is a DuckDB table of its data columns followed by its partition keys; definitions
 * and partitions live in two catalog tables. One connection, used under a lock: DuckDB serialises writes anyway.
 */
public final class Store implements AutoCloseable {

    private static final String TABLES = "__sinkline_tables";
    private static final String PARTITIONS = "__sinkline_partitions";

    private final DuckDBConnection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final ValueCodec codec;

    public Store(Path dataDirOrNull, ZoneId zone) throws SQLException {
        String url = dataDirOrNull == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + dataDirOrNull.resolve("maxcompute.duckdb");
        this.connection = (DuckDBConnection) DriverManager.getConnection(url);
        this.codec = new ValueCodec(zone);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = '" + zone.getId() + "'");
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLES + " (name VARCHAR PRIMARY KEY, definition VARCHAR)");
            s.execute("CREATE TABLE IF NOT EXISTS " + PARTITIONS
                    + " (table_name VARCHAR, spec VARCHAR, created BIGINT, PRIMARY KEY (table_name, spec))");
        }
    }

    public ValueCodec codec() {
        return codec;
    }

    /** Runs {@code work} with exclusive use of the connection. */
    public <T> T locked(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new OdpsError(400, "ODPS-0130071", "Semantic analysis exception - " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} under the lock in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(SqlWork<T> work) {
        return locked(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /** Database work that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    // ---- tables ----

    public Optional<TableDef> table(String name) {
        return locked(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT definition FROM " + TABLES + " WHERE name = ?")) {
                ps.setString(1, name.toLowerCase());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(TableDefJson.read(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    public TableDef requireTable(String name) {
        return table(name).orElseThrow(() -> OdpsError.noSuchObject("Table not found - '" + name.toLowerCase() + "'"));
    }

    public List<String> tableNames() {
        return locked(c -> {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM " + TABLES + " ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    /** Every column and partition key name of every table, lower case. */
    public java.util.Set<String> allColumnNames() {
        return locked(c -> {
            java.util.Set<String> names = new java.util.HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT definition FROM " + TABLES)) {
                while (rs.next()) {
                    TableDefJson.read(rs.getString(1)).allColumns().forEach(col -> names.add(col.name()));
                }
            }
            return names;
        });
    }

    /** Creates the table; returns false if it already existed and {@code ifNotExists} was given. */
    public boolean createTable(TableDef def, boolean ifNotExists) {
        return locked(c -> {
            if (table(def.name()).isPresent()) {
                if (ifNotExists) {
                    return false;
                }
                throw new OdpsError(409, "ODPS-0130071", "Table or view already exists - '" + def.name() + "'");
            }
            StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(DuckTypes.quote(def.name())).append(" (");
            List<ColumnDef> all = def.allColumns();
            for (int i = 0; i < all.size(); i++) {
                ColumnDef col = all.get(i);
                boolean partitionKey = i >= def.columns().size();
                ddl.append(i > 0 ? ", " : "").append(DuckTypes.quote(col.name())).append(' ')
                        .append(partitionKey ? "VARCHAR" : DuckTypes.of(col.typeInfo()));
            }
            ddl.append(')');
            return transaction(t -> {
                try (Statement s = t.createStatement();
                     PreparedStatement ps = t.prepareStatement("INSERT INTO " + TABLES + " VALUES (?, ?)")) {
                    s.execute(ddl.toString());
                    ps.setString(1, def.name());
                    ps.setString(2, TableDefJson.write(def));
                    ps.executeUpdate();
                }
                return true;
            });
        });
    }

    public boolean dropTable(String name, boolean ifExists) {
        return locked(c -> {
            if (table(name).isEmpty()) {
                if (ifExists) {
                    return false;
                }
                throw OdpsError.noSuchObject("Table not found - '" + name.toLowerCase() + "'");
            }
            return transaction(t -> {
                try (Statement s = t.createStatement()) {
                    String n = name.toLowerCase();
                    s.execute("DROP TABLE " + DuckTypes.quote(n));
                    s.execute("DELETE FROM " + TABLES + " WHERE name = '" + n.replace("'", "''") + "'");
                    s.execute("DELETE FROM " + PARTITIONS + " WHERE table_name = '" + n.replace("'", "''") + "'");
                }
                return true;
            });
        });
    }

    public void truncate(String name) {
        TableDef def = requireTable(name);
        locked(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM " + DuckTypes.quote(def.name()));
            }
            return null;
        });
    }

    // ---- partitions ----

    public List<PartitionValues> partitions(TableDef def) {
        return locked(c -> {
            List<PartitionValues> parts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT spec FROM " + PARTITIONS + " WHERE table_name = ? ORDER BY spec")) {
                ps.setString(1, def.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        parts.add(new PartitionValues(def.partitionKeys().stream().map(ColumnDef::name).toList(),
                                specValues(rs.getString(1))));
                    }
                }
            }
            return parts;
        });
    }

    public Optional<Long> partitionCreated(TableDef def, PartitionValues p) {
        return locked(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT created FROM " + PARTITIONS + " WHERE table_name = ? AND spec = ?")) {
                ps.setString(1, def.name());
                ps.setString(2, specKey(p));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    public boolean hasPartition(TableDef def, PartitionValues p) {
        return partitionCreated(def, p).isPresent();
    }

    /** Adds the partition; returns false if it existed. */
    public boolean addPartition(TableDef def, PartitionValues p) {
        return locked(c -> {
            if (hasPartition(def, p)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + PARTITIONS + " VALUES (?, ?, ?)")) {
                ps.setString(1, def.name());
                ps.setString(2, specKey(p));
                ps.setLong(3, Instant.now().getEpochSecond());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** Drops the partition and its rows; returns false if it did not exist. */
    public boolean dropPartition(TableDef def, PartitionValues p) {
        return locked(c -> {
            if (!hasPartition(def, p)) {
                return false;
            }
            return transaction(t -> {
                try (PreparedStatement ps = t.prepareStatement("DELETE FROM " + PARTITIONS + " WHERE table_name = ? AND spec = ?")) {
                    ps.setString(1, def.name());
                    ps.setString(2, specKey(p));
                    ps.executeUpdate();
                }
                deleteRows(t, def, p);
                return true;
            });
        });
    }

    // ---- rows ----

    /**
     * Appends records (data columns in table order) to a partition in one transaction; with {@code overwrite}
     * the partition's (or unpartitioned table's) previous rows are replaced. Adds the partition if missing.
     */
    public void append(TableDef def, PartitionValues p, List<Object[]> rows, boolean overwrite) {
        transaction(c -> {
            if (!p.isEmpty() && !hasPartition(def, p)) {
                addPartition(def, p);
            }
            if (overwrite) {
                deleteRows(c, def, p);
            }
            try (DuckDBAppender app = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, def.name())) {
                appendRows(app, def, rows, null, p.values());
            }
            return null;
        });
    }

    /** Appends rows: an optional leading block id, the data columns, then constant trailing values (partition keys). */
    void appendRows(DuckDBAppender app, TableDef def, List<Object[]> rows, Long blockId, List<String> trailing)
            throws SQLException {
        TypeInfo[] types = def.columns().stream().map(ColumnDef::typeInfo).toArray(TypeInfo[]::new);
        for (Object[] row : rows) {
            app.beginRow();
            if (blockId != null) {
                app.append((long) blockId);
            }
            for (int i = 0; i < types.length; i++) {
                codec.append(app, types[i], row[i]);
            }
            for (String v : trailing) {
                app.append(v);
            }
            app.endRow();
        }
    }

    public long rowCount(TableDef def, PartitionValues p) {
        return locked(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + DuckTypes.quote(def.name()) + where(p))) {
                bind(ps, p, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Reads rows [start, start+count) of a partition in insertion order, only the given data columns. */
    public List<Record> read(TableDef def, PartitionValues p, List<ColumnDef> columns, long start, long count) {
        return locked(c -> {
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i > 0 ? ", " : "").append(DuckTypes.quote(columns.get(i).name()));
            }
            if (columns.isEmpty()) {
                sql.append("1");
            }
            sql.append(" FROM ").append(DuckTypes.quote(def.name())).append(where(p))
                    .append(" ORDER BY rowid LIMIT ").append(count).append(" OFFSET ").append(start);
            Column[] sdkColumns = columns.stream().map(col -> new Column(col.name(), col.typeInfo())).toArray(Column[]::new);
            TypeInfo[] types = columns.stream().map(ColumnDef::typeInfo).toArray(TypeInfo[]::new);
            List<Record> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, p, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ArrayRecord r = new ArrayRecord(sdkColumns);
                        for (int i = 0; i < columns.size(); i++) {
                            r.set(i, codec.read(rs, i + 1, types[i]));
                        }
                        out.add(r);
                    }
                }
            }
            return out;
        });
    }

    static void deleteRows(Connection c, TableDef def, PartitionValues p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + DuckTypes.quote(def.name()) + where(p))) {
            bind(ps, p, 1);
            ps.executeUpdate();
        }
    }

    private static String where(PartitionValues p) {
        if (p.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" WHERE ");
        for (int i = 0; i < p.keys().size(); i++) {
            b.append(i > 0 ? " AND " : "").append(DuckTypes.quote(p.keys().get(i))).append(" = ?");
        }
        return b.toString();
    }

    static void bind(PreparedStatement ps, PartitionValues p, int from) throws SQLException {
        for (int i = 0; i < p.values().size(); i++) {
            ps.setString(from + i, p.values().get(i));
        }
    }

    private static String specKey(PartitionValues p) {
        JsonArray a = new JsonArray();
        p.values().forEach(a::add);
        return a.toString();
    }

    private static List<String> specValues(String key) {
        List<String> values = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(key).getAsJsonArray()) {
            values.add(e.getAsString());
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        lock.lock();
        try {
            connection.close();
        } finally {
            lock.unlock();
        }
    }
}
