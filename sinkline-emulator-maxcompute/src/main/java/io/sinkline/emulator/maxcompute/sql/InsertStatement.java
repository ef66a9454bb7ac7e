package io.sinkline.emulator.maxcompute.sql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sinkline.emulator.maxcompute.storage.DuckTypes;
import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/**
 * INSERT INTO / OVERWRITE [TABLE] t [PARTITION (k='v' | k)] [(columns)] VALUES … | SELECT …: the rows are staged in a
 * temp table, then (for OVERWRITE, after deleting the partitions they go to) inserted in one transaction.
 */
final class InsertStatement {

    private final Store store;
    private final DuckDialect dialect;
    private final QueryRunner queries;

    InsertStatement(Store store, DuckDialect dialect, QueryRunner queries) {
        this.store = store;
        this.dialect = dialect;
        this.queries = queries;
    }

    QueryResult run(Cursor c) {
        c.expect("insert");
        boolean overwrite;
        if (c.accept("overwrite")) {
            overwrite = true;
        } else {
            c.expect("into");
            overwrite = false;
        }
        c.accept("table");
        TableDef def = store.requireTable(c.objectName());
        Map<String, String> spec = c.accept("partition") ? PartitionClauses.partitionSpec(c, true) : Map.of();
        List<String> targetColumns = new ArrayList<>();
        if (c.peek().is("(") && !c.peek(1).is("select")) {
            c.expect("(");
            do {
                targetColumns.add(c.name().toLowerCase(Locale.ROOT));
            } while (c.accept(","));
            c.expect(")");
        }
        List<Token> source = c.rest();
        String sourceSql = source.get(0).is("values") ? "SELECT * FROM (" + dialect.translate(source) + ")"
                : dialect.translate(source);
        boolean staticPartition = !spec.isEmpty() && spec.values().stream().allMatch(v -> v != null);
        List<String> insertColumns = new ArrayList<>();
        if (targetColumns.isEmpty()) {
            def.columns().forEach(col -> insertColumns.add(col.name()));
        } else {
            insertColumns.addAll(targetColumns);
        }
        StringBuilder select = new StringBuilder("SELECT *");
        if (staticPartition) {
            PartitionValues p = PartitionValues.of(def, spec);
            for (int i = 0; i < p.keys().size(); i++) {
                insertColumns.add(p.keys().get(i));
                select.append(", '").append(p.values().get(i).replace("'", "''")).append('\'');
            }
        } else if (def.partitioned()) {
            def.partitionKeys().forEach(k -> insertColumns.add(k.name()));
        }
        select.append(" FROM (").append(sourceSql).append(") AS __source");
        StringBuilder columnList = new StringBuilder();
        for (String col : insertColumns) {
            columnList.append(columnList.length() > 0 ? ", " : "").append(DuckTypes.quote(col));
        }
        String staged = "__sinkline_insert";
        int partitionKeyCount = def.partitionKeys().size();
        store.transaction(conn -> {
            try (Statement s = conn.createStatement()) {
                s.execute("CREATE OR REPLACE TEMP TABLE " + staged + " AS " + select);
                if (overwrite) {
                    s.execute("DELETE FROM " + DuckTypes.quote(def.name()) + overwrittenRows(conn, staged, def, partitionKeyCount));
                }
                s.execute("INSERT INTO " + DuckTypes.quote(def.name()) + " (" + columnList + ") SELECT * FROM " + staged);
                s.execute("DROP TABLE " + staged);
            }
            return null;
        });
        if (def.partitioned()) {
            registerPartitions(def);
        }
        return QueryResult.none();
    }

    /**
     * The WHERE clause selecting the rows an INSERT OVERWRITE replaces: the whole table, or for a partitioned
     * table every partition the new rows go to (the staged rows end with the partition values).
     */
    private static String overwrittenRows(java.sql.Connection conn, String staged, TableDef def, int keyCount)
            throws SQLException {
        if (keyCount == 0) {
            return "";
        }
        List<String> stagedColumns = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + staged + " LIMIT 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                stagedColumns.add(md.getColumnLabel(i));
            }
        }
        StringBuilder match = new StringBuilder();
        for (int i = 0; i < keyCount; i++) {
            match.append(i > 0 ? " AND " : "").append("CAST(__staged.")
                    .append(DuckTypes.quote(stagedColumns.get(stagedColumns.size() - keyCount + i))).append(" AS VARCHAR) = ")
                    .append(DuckTypes.quote(def.name())).append('.').append(DuckTypes.quote(def.partitionKeys().get(i).name()));
        }
        return " WHERE EXISTS (SELECT 1 FROM " + staged + " AS __staged WHERE " + match + ")";
    }

    /** After an INSERT with dynamic partitions, every partition that now has rows must be listed. */
    private void registerPartitions(TableDef def) {
        StringBuilder keys = new StringBuilder();
        def.partitionKeys().forEach(k -> keys.append(keys.length() > 0 ? ", " : "").append(DuckTypes.quote(k.name())));
        QueryResult distinct = queries.run("SELECT DISTINCT " + keys + " FROM " + DuckTypes.quote(def.name()));
        for (List<String> row : distinct.rows()) {
            Map<String, String> spec = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                spec.put(def.partitionKeys().get(i).name(), row.get(i));
            }
            store.addPartition(def, PartitionValues.of(def, spec));
        }
    }
}
