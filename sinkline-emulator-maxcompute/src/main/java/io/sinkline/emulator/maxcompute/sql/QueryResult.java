package io.sinkline.emulator.maxcompute.sql;

import java.util.List;

import io.sinkline.emulator.maxcompute.storage.ColumnDef;

/**
 * The outcome of a statement: column names and rows as text ({@code null} for SQL NULL), and for queries the
 * same rows as typed values (what the instance tunnel serves); all empty for DDL.
 */
public record QueryResult(List<String> columns, List<List<String>> rows, List<ColumnDef> types, List<Object[]> values) {

    public QueryResult(List<String> columns, List<List<String>> rows) {
        this(columns, rows, List.of(), List.of());
    }

    public static QueryResult none() {
        return new QueryResult(List.of(), List.of());
    }

    public boolean hasColumns() {
        return !columns.isEmpty();
    }

    /** CSV with a header line and {@code \N} for NULL: the text SQLTask.getResult parses. */
    public String toCsv() {
        if (!hasColumns()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        appendLine(b, columns);
        for (List<String> row : rows) {
            appendLine(b, row);
        }
        return b.toString();
    }

    private static void appendLine(StringBuilder b, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String v = values.get(i);
            if (v == null) {
                b.append("\\N");
            } else if (v.isEmpty() || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                    || v.indexOf('\r') >= 0) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                b.append(v);
            }
        }
        b.append('\n');
    }
}
