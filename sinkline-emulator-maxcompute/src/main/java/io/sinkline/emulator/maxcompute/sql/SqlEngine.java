package io.sinkline.emulator.maxcompute.sql;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.storage.ColumnDef;
import io.sinkline.emulator.maxcompute.storage.DuckTypes;
import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/**
 * Runs MaxCompute SQL scripts: DDL, partitions, INSERT and SHOW/DESC are handled here against the {@link Store};
 * queries are translated by {@link DuckDialect} and run by DuckDB. The result is that of the last statement.
 */
public final class SqlEngine {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Store store;
    private final DuckDialect dialect;

    public SqlEngine(Store store, String project) {
        this.store = store;
        this.dialect = new DuckDialect(project, store::allColumnNames);
    }

    public QueryResult execute(String script) {
        QueryResult last = QueryResult.none();
        for (List<Token> statement : Lexer.statements(script)) {
            last = executeOne(statement);
        }
        return last;
    }

    private QueryResult executeOne(List<Token> statement) {
        Cursor c = new Cursor(statement);
        Token first = c.peek();
        if (first.is("set") || first.is("use")) {
            return QueryResult.none(); // session flags such as odps.sql.allow.fullscan change nothing here
        }
        if (first.is("create")) {
            return createTable(c);
        }
        if (first.is("drop")) {
            c.expect("drop");
            c.expect("table");
            boolean ifExists = c.accept("if", "exists");
            store.dropTable(c.objectName(), ifExists);
            return QueryResult.none();
        }
        if (first.is("truncate")) {
            return truncate(c);
        }
        if (first.is("alter")) {
            return alter(c);
        }
        if (first.is("insert")) {
            return insert(c);
        }
        if (first.is("show")) {
            return show(c);
        }
        if (first.is("desc") || first.is("describe")) {
            c.next();
            return describe(store.requireTable(c.objectName()));
        }
        if (first.is("select") || first.is("with") || first.is("(")) {
            return query(dialect.translate(statement));
        }
        throw new OdpsError(400, "ODPS-0130161", "Parse exception - unsupported statement: " + first.raw());
    }

    // ---- DDL ----

    private QueryResult createTable(Cursor c) {
        c.expect("create");
        c.accept("external");
        c.expect("table");
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name = c.objectName().toLowerCase(Locale.ROOT);
        if (c.accept("like")) {
            TableDef source = store.requireTable(c.objectName());
            long now = Instant.now().getEpochSecond();
            store.createTable(new TableDef(name, source.columns(), source.partitionKeys(), source.comment(), now, now), ifNotExists);
            return QueryResult.none();
        }
        List<ColumnDef> columns = new ArrayList<>();
        List<ColumnDef> partitionKeys = new ArrayList<>();
        String comment = "";
        if (c.peek().is("(")) {
            columns = columnList(c);
        }
        while (!c.atEnd()) {
            if (c.accept("comment")) {
                comment = c.next().text();
            } else if (c.accept("partitioned", "by")) {
                partitionKeys = columnList(c);
            } else if (c.accept("lifecycle")) {
                c.next();
            } else if (c.accept("as")) {
                return createTableAsSelect(name, ifNotExists, comment, c.rest());
            } else {
                skipClause(c);
            }
        }
        if (columns.isEmpty()) {
            throw Lexer.syntax("a table needs at least one column");
        }
        long now = Instant.now().getEpochSecond();
        store.createTable(new TableDef(name, columns, partitionKeys, comment, now, now), ifNotExists);
        return QueryResult.none();
    }

    /** Skips clauses the emulator accepts but ignores (TBLPROPERTIES, CLUSTERED BY, STORED AS, ...). */
    private static void skipClause(Cursor c) {
        Token t = c.next();
        if (t.is("(")) {
            int depth = 1;
            while (depth > 0) {
                Token u = c.next();
                if (u.is("(")) {
                    depth++;
                } else if (u.is(")")) {
                    depth--;
                }
            }
        }
    }

    private List<ColumnDef> columnList(Cursor c) {
        c.expect("(");
        List<ColumnDef> cols = new ArrayList<>();
        while (true) {
            String name = c.name();
            StringBuilder type = new StringBuilder();
            int depth = 0;
            while (true) {
                Token t = c.peek();
                if (depth == 0 && (t.is(",") || t.is(")") || t.is("comment") || t.is("not") || t.is("default")
                        || t.is("null"))) {
                    break;
                }
                c.next();
                if (t.is("(") || t.is("<")) {
                    depth++;
                } else if (t.is(")") || t.is(">")) {
                    depth--;
                }
                type.append(t.kind() == Token.Kind.QUOTED_NAME ? t.text() : t.raw());
            }
            String comment = "";
            while (!c.peek().is(",") && !c.peek().is(")")) {
                if (c.accept("comment")) {
                    comment = c.next().text();
                } else {
                    c.next(); // NOT NULL, DEFAULT x
                }
            }
            cols.add(new ColumnDef(name, type.toString(), comment));
            if (c.accept(")")) {
                return cols;
            }
            c.expect(",");
        }
    }

    private QueryResult createTableAsSelect(String name, boolean ifNotExists, String comment, List<Token> query) {
        if (ifNotExists && store.table(name).isPresent()) {
            return QueryResult.none();
        }
        String sql = dialect.translate(query);
        List<ColumnDef> columns = store.locked(conn -> {
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM (" + sql + ") LIMIT 0")) {
                ResultSetMetaData md = rs.getMetaData();
                List<ColumnDef> cols = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.add(new ColumnDef(md.getColumnLabel(i), odpsTypeOf(md, i), ""));
                }
                return cols;
            }
        });
        long now = Instant.now().getEpochSecond();
        TableDef def = new TableDef(name, columns, List.of(), comment, now, now);
        store.createTable(def, false);
        store.locked(conn -> {
            try (Statement s = conn.createStatement()) {
                s.execute("INSERT INTO " + DuckTypes.quote(def.name()) + " SELECT * FROM (" + sql + ")");
            }
            return null;
        });
        return QueryResult.none();
    }

    private static String odpsTypeOf(ResultSetMetaData md, int i) throws SQLException {
        return switch (md.getColumnType(i)) {
            case Types.BIGINT -> "BIGINT";
            case Types.INTEGER -> "INT";
            case Types.SMALLINT -> "SMALLINT";
            case Types.TINYINT -> "TINYINT";
            case Types.DOUBLE -> "DOUBLE";
            case Types.FLOAT, Types.REAL -> "FLOAT";
            case Types.BOOLEAN -> "BOOLEAN";
            case Types.DECIMAL -> "DECIMAL(" + Math.max(1, md.getPrecision(i)) + "," + md.getScale(i) + ")";
            case Types.DATE -> "DATE";
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> "DATETIME";
            case Types.BLOB, Types.BINARY, Types.VARBINARY -> "BINARY";
            default -> "STRING";
        };
    }

    private QueryResult truncate(Cursor c) {
        c.expect("truncate");
        c.expect("table");
        TableDef def = store.requireTable(c.objectName());
        if (c.peek().is("partition")) {
            for (Map<String, String> spec : partitionSpecs(c)) {
                PartitionValues p = PartitionValues.of(def, spec);
                if (store.hasPartition(def, p)) {
                    store.append(def, p, List.of(), true);
                }
            }
        } else {
            store.truncate(def.name());
        }
        return QueryResult.none();
    }

    private QueryResult alter(Cursor c) {
        c.expect("alter");
        c.expect("table");
        TableDef def = store.requireTable(c.objectName());
        if (c.accept("add")) {
            boolean ifNotExists = c.accept("if", "not", "exists");
            for (Map<String, String> spec : partitionSpecs(c)) {
                if (!store.addPartition(def, PartitionValues.of(def, spec)) && !ifNotExists) {
                    throw new OdpsError(409, "ODPS-0130111", "Partition already exists - " + spec);
                }
            }
            return QueryResult.none();
        }
        if (c.accept("drop")) {
            boolean ifExists = c.accept("if", "exists");
            for (Map<String, String> spec : partitionSpecs(c)) {
                if (!store.dropPartition(def, PartitionValues.of(def, spec)) && !ifExists) {
                    throw new OdpsError(404, "NoSuchPartition", "Partition not found - " + spec);
                }
            }
            return QueryResult.none();
        }
        throw Lexer.syntax("unsupported ALTER TABLE clause '" + c.peek().raw() + "'");
    }

    /** One or more {@code PARTITION (k='v', ...)} clauses, optionally separated by commas. */
    private static List<Map<String, String>> partitionSpecs(Cursor c) {
        List<Map<String, String>> specs = new ArrayList<>();
        while (c.accept("partition")) {
            specs.add(partitionSpec(c, false));
            c.accept(",");
        }
        if (specs.isEmpty()) {
            throw Lexer.syntax("expected PARTITION (...)");
        }
        return specs;
    }

    /** {@code (k='v', k2=v2)}; with {@code allowDynamic}, a key without value maps to {@code null}. */
    private static Map<String, String> partitionSpec(Cursor c, boolean allowDynamic) {
        c.expect("(");
        Map<String, String> spec = new LinkedHashMap<>();
        while (true) {
            String key = c.name().toLowerCase(Locale.ROOT);
            if (c.accept("=")) {
                Token v = c.next();
                spec.put(key, v.text());
            } else if (allowDynamic) {
                spec.put(key, null);
            } else {
                throw Lexer.syntax("partition " + key + " needs a value");
            }
            if (c.accept(")")) {
                return spec;
            }
            c.expect(",");
        }
    }

    // ---- INSERT ----

    private QueryResult insert(Cursor c) {
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
        Map<String, String> spec = c.accept("partition") ? partitionSpec(c, true) : Map.of();
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
        QueryResult distinct = query("SELECT DISTINCT " + keys + " FROM " + DuckTypes.quote(def.name()));
        for (List<String> row : distinct.rows()) {
            Map<String, String> spec = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                spec.put(def.partitionKeys().get(i).name(), row.get(i));
            }
            store.addPartition(def, PartitionValues.of(def, spec));
        }
    }

    // ---- SHOW / DESC / SELECT ----

    private QueryResult show(Cursor c) {
        c.expect("show");
        if (c.accept("tables")) {
            List<List<String>> rows = store.tableNames().stream().map(n -> List.of(n)).toList();
            return new QueryResult(List.of("table_name"), rows);
        }
        if (c.accept("partitions")) {
            TableDef def = store.requireTable(c.objectName());
            List<List<String>> rows = store.partitions(def).stream().map(p -> List.of(p.display())).toList();
            return new QueryResult(List.of("partition"), rows);
        }
        throw Lexer.syntax("unsupported SHOW statement");
    }

    private static QueryResult describe(TableDef def) {
        List<List<String>> rows = new ArrayList<>();
        for (ColumnDef col : def.columns()) {
            rows.add(List.of(col.name(), col.type(), col.comment(), "false"));
        }
        for (ColumnDef col : def.partitionKeys()) {
            rows.add(List.of(col.name(), col.type(), col.comment(), "true"));
        }
        return new QueryResult(List.of("name", "type", "comment", "partition_key"), rows);
    }

    private QueryResult query(String sql) {
        return store.locked(conn -> {
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                List<ColumnDef> types = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                    types.add(new ColumnDef(md.getColumnLabel(i), odpsTypeOf(md, i), ""));
                }
                List<List<String>> rows = new ArrayList<>();
                List<Object[]> values = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(columns.size());
                    Object[] typed = new Object[columns.size()];
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(text(rs, md, i));
                        typed[i - 1] = store.codec().read(rs, i, types.get(i - 1).typeInfo());
                    }
                    rows.add(row);
                    values.add(typed);
                }
                return new QueryResult(columns, rows, types, values);
            }
        });
    }

    /** A value as the service prints it: DATETIME as {@code yyyy-MM-dd HH:mm:ss}, BINARY as UTF-8 text. */
    private static String text(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        int type = md.getColumnType(i);
        if (type == Types.TIMESTAMP) {
            LocalDateTime t = rs.getObject(i, LocalDateTime.class);
            return t.getNano() == 0 ? DATETIME.format(t) : t.toString().replace('T', ' ');
        }
        if (v instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (type == Types.BLOB) {
            return new String(rs.getBytes(i), StandardCharsets.UTF_8);
        }
        return rs.getString(i);
    }
}
