package io.sinkline.emulator.maxcompute.storage;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Where batch-upload blocks wait, invisible, until commit: one DuckDB temp table per upload session (block id plus
 * the data columns), so uncommitted rows are not held on the heap and vanish with a restart, like the session.
 */
public final class UploadStaging {

    private final Store store;

    public UploadStaging(Store store) {
        this.store = store;
    }

    /** Creates the staging table of an upload session; a temp table, so it is gone after a restart, like the session. */
    public void create(String staging, TableDef def) {
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE ").append(DuckTypes.quote(staging)).append(" (__block BIGINT");
        for (ColumnDef col : def.columns()) {
            ddl.append(", ").append(DuckTypes.quote(col.name())).append(' ').append(DuckTypes.of(col.typeInfo()));
        }
        ddl.append(')');
        store.locked(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(ddl.toString());
            }
            return null;
        });
    }

    /**
     * Stores one block; a block sent again replaces the earlier one.
     *
     * @param again whether this block id arrived before: only then are its earlier rows deleted (the
     *              delete scans the staging table, which for a large session cost more than the append)
     */
    public void putBlock(String staging, TableDef def, long blockId, List<Object[]> rows, boolean again) {
        store.transaction(c -> {
            if (again) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + DuckTypes.quote(staging) + " WHERE __block = ?")) {
                    ps.setLong(1, blockId);
                    ps.executeUpdate();
                }
            }
            try (DuckDBAppender app = ((DuckDBConnection) c).createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, staging)) {
                store.appendRows(app, def, rows, blockId, List.of());
            }
            return null;
        });
    }

    /** Drops the staging table of a session that expired uncommitted: its blocks never become visible. */
    public void drop(String staging) {
        store.locked(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + DuckTypes.quote(staging));
            }
            return null;
        });
    }

    /** Makes the staged blocks visible in one transaction and drops the staging table. */
    public void commit(String staging, TableDef def, PartitionValues p, boolean overwrite) {
        StringBuilder target = new StringBuilder();
        StringBuilder source = new StringBuilder();
        for (ColumnDef col : def.columns()) {
            target.append(target.length() > 0 ? ", " : "").append(DuckTypes.quote(col.name()));
            source.append(source.length() > 0 ? ", " : "").append(DuckTypes.quote(col.name()));
        }
        for (int i = 0; i < p.keys().size(); i++) {
            target.append(", ").append(DuckTypes.quote(p.keys().get(i)));
            source.append(", ?");
        }
        String insert = "INSERT INTO " + DuckTypes.quote(def.name()) + " (" + target + ") SELECT " + source + " FROM "
                + DuckTypes.quote(staging); // arrival order, as the service keeps no order across blocks either
        store.transaction(c -> {
            if (!p.isEmpty() && !store.hasPartition(def, p)) {
                store.addPartition(def, p);
            }
            if (overwrite) {
                Store.deleteRows(c, def, p);
            }
            try (PreparedStatement ps = c.prepareStatement(insert); Statement s = c.createStatement()) {
                Store.bind(ps, p, 1);
                ps.executeUpdate();
                s.execute("DROP TABLE " + DuckTypes.quote(staging));
            }
            return null;
        });
    }
}
