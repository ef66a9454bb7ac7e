package io.sinkline.emulator.maxcompute.sql;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.sinkline.emulator.maxcompute.storage.ColumnDef;
import io.sinkline.emulator.maxcompute.storage.Store;

/** Runs a DuckDB query and renders its result as the service does (text for CSV results, typed values too). */
final class QueryRunner {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Store store;

    QueryRunner(Store store) {
        this.store = store;
    }

    QueryResult run(String sql) {
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

    /** The MaxCompute type a result column is reported as. */
    static String odpsTypeOf(ResultSetMetaData md, int i) throws SQLException {
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
}
