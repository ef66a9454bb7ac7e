package io.sinkline.emulator.maxcompute.sql;

import java.util.ArrayList;
import java.util.List;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.storage.ColumnDef;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/**
 * Runs MaxCompute SQL scripts statement by statement: DDL ({@link DdlStatements}), INSERT ({@link InsertStatement}),
 * SHOW and DESC here; queries are translated by {@link DuckDialect} and run by DuckDB ({@link QueryRunner}).
 * The result is that of the last statement.
 */
public final class SqlEngine {

    private final Store store;
    private final DuckDialect dialect;
    private final QueryRunner queries;
    private final DdlStatements ddl;
    private final InsertStatement insert;

    public SqlEngine(Store store, String project) {
        this.store = store;
        this.dialect = new DuckDialect(project, store::allColumnNames);
        this.queries = new QueryRunner(store);
        this.ddl = new DdlStatements(store, dialect);
        this.insert = new InsertStatement(store, dialect, queries);
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
            return ddl.createTable(c);
        }
        if (first.is("drop")) {
            return ddl.drop(c);
        }
        if (first.is("truncate")) {
            return ddl.truncate(c);
        }
        if (first.is("alter")) {
            return ddl.alter(c);
        }
        if (first.is("insert")) {
            return insert.run(c);
        }
        if (first.is("show")) {
            return show(c);
        }
        if (first.is("desc") || first.is("describe")) {
            c.next();
            return describe(store.requireTable(c.objectName()));
        }
        if (first.is("select") || first.is("with") || first.is("(")) {
            return queries.run(dialect.translate(statement));
        }
        throw new OdpsError(400, "ODPS-0130161", "Parse exception - unsupported statement: " + first.raw());
    }

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
}
