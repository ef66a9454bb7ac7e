package io.sinkline.emulator.maxcompute.sql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.storage.ColumnDef;
import io.sinkline.emulator.maxcompute.storage.DuckTypes;
import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/** The DDL the emulator runs itself: CREATE TABLE (also AS SELECT and LIKE), DROP, TRUNCATE, ALTER … PARTITION. */
final class DdlStatements {

    private final Store store;
    private final DuckDialect dialect;

    DdlStatements(Store store, DuckDialect dialect) {
        this.store = store;
        this.dialect = dialect;
    }

    QueryResult drop(Cursor c) {
        c.expect("drop");
        c.expect("table");
        boolean ifExists = c.accept("if", "exists");
        store.dropTable(c.objectName(), ifExists);
        return QueryResult.none();
    }

    QueryResult createTable(Cursor c) {
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
            boolean nullable = true;
            while (!c.peek().is(",") && !c.peek().is(")")) {
                if (c.accept("comment")) {
                    comment = c.next().text();
                } else if (c.accept("not")) {
                    nullable = !c.accept("null");
                } else {
                    c.next(); // NULL, DEFAULT x
                }
            }
            cols.add(new ColumnDef(name, type.toString(), comment, nullable));
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
                    cols.add(new ColumnDef(md.getColumnLabel(i), QueryRunner.odpsTypeOf(md, i), ""));
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

    QueryResult truncate(Cursor c) {
        c.expect("truncate");
        c.expect("table");
        TableDef def = store.requireTable(c.objectName());
        if (c.peek().is("partition")) {
            for (Map<String, String> spec : PartitionClauses.partitionSpecs(c)) {
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

    QueryResult alter(Cursor c) {
        c.expect("alter");
        c.expect("table");
        TableDef def = store.requireTable(c.objectName());
        if (c.accept("add")) {
            boolean ifNotExists = c.accept("if", "not", "exists");
            for (Map<String, String> spec : PartitionClauses.partitionSpecs(c)) {
                if (!store.addPartition(def, PartitionValues.of(def, spec)) && !ifNotExists) {
                    throw new OdpsError(409, "ODPS-0130111", "Partition already exists - " + spec);
                }
            }
            return QueryResult.none();
        }
        if (c.accept("drop")) {
            boolean ifExists = c.accept("if", "exists");
            for (Map<String, String> spec : PartitionClauses.partitionSpecs(c)) {
                if (!store.dropPartition(def, PartitionValues.of(def, spec)) && !ifExists) {
                    throw new OdpsError(404, "NoSuchPartition", "Partition not found - " + spec);
                }
            }
            return QueryResult.none();
        }
        throw Lexer.syntax("unsupported ALTER TABLE clause '" + c.peek().raw() + "'");
    }
}
