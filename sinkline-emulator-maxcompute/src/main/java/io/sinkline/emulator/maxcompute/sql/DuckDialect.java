package io.sinkline.emulator.maxcompute.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Rewrites a MaxCompute query into DuckDB SQL: back-quoted names become double-quoted, "…" strings become '…',
 * project (and schema) qualifiers are dropped from table names, the few functions whose names differ are renamed,
 * and bare words that name a column are quoted, because DuckDB reserves words MaxCompute allows as column names
 * (e.g. {@code at}).
 */
final class DuckDialect {

    /** MaxCompute functions whose DuckDB counterpart takes the same arguments under another name. */
    private static final Map<String, String> FUNCTIONS = Map.of(
            "get_json_object", "json_extract_string",
            "getdate", "now",
            "nvl", "coalesce",
            "from_unixtime", "to_timestamp",
            "collect_list", "list",
            "size", "len");

    /** MaxCompute keywords: never quoted, even where a column has the same name (it must be back-quoted then). */
    private static final Set<String> KEYWORDS = Set.of("add", "all", "alter", "and", "anti", "as", "asc", "between",
            "by", "case", "cast", "cluster", "create", "cross", "current", "delete", "desc", "distinct", "distribute",
            "drop", "else", "end", "exists", "false", "following", "for", "from", "full", "group", "having", "if", "in",
            "inner", "insert", "intersect", "interval", "into", "is", "join", "lateral", "left", "like", "limit", "minus",
            "not", "null", "nulls", "offset", "on", "or", "order", "outer", "over", "overwrite", "partition",
            "preceding", "range", "right", "rlike", "row", "rows", "select", "semi", "sort", "table", "then", "true",
            "unbounded", "union", "using", "values", "when", "where", "window", "with", "first", "last", "except",
            // type names, as in CAST(x AS date)
            "string", "bigint", "int", "smallint", "tinyint", "double", "float", "boolean", "decimal", "date",
            "datetime", "timestamp", "binary", "varchar", "char", "json", "array", "map", "struct");

    private final String project;
    private final Supplier<Set<String>> columnNames;

    DuckDialect(String project, Supplier<Set<String>> columnNames) {
        this.project = project.toLowerCase(Locale.ROOT);
        this.columnNames = columnNames;
    }

    /** {@code project.} or {@code project.default.} in front of a table name. */
    private boolean isQualifier(List<Token> ts, int i) {
        if (i + 2 >= ts.size() || !ts.get(i).isName() || !ts.get(i + 1).is(".") || !ts.get(i + 2).isName()) {
            return false;
        }
        String text = ts.get(i).text();
        return text.equalsIgnoreCase(project) || (text.equalsIgnoreCase("default") && i >= 2 && ts.get(i - 1).is(".")
                && ts.get(i - 2).text().equalsIgnoreCase(project));
    }

    String translate(List<Token> tokens) {
        List<Token> ts = tokens.stream().filter(t -> t.kind() != Token.Kind.SPACE).toList();
        Set<String> columns = columnNames.get();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ts.size(); i++) {
            Token t = ts.get(i);
            if (isQualifier(ts, i)) {
                i += 1; // skip the qualifier and its dot
                continue;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            switch (t.kind()) {
                case QUOTED_NAME -> b.append('"').append(t.text().replace("\"", "\"\"")).append('"');
                case STRING -> b.append('\'').append(t.text().replace("'", "''")).append('\'');
                case WORD -> {
                    String fn = FUNCTIONS.get(t.text().toLowerCase(Locale.ROOT));
                    boolean call = i + 1 < ts.size() && ts.get(i + 1).is("(");
                    String lower = t.text().toLowerCase(Locale.ROOT);
                    if (!call && columns.contains(lower) && !KEYWORDS.contains(lower)) {
                        b.append('"').append(t.text()).append('"');
                    } else if (fn != null && call) {
                        b.append(fn);
                    } else if (t.text().equalsIgnoreCase("datetime") && !call) {
                        b.append("TIMESTAMP");
                    } else {
                        b.append(t.text());
                    }
                }
                case SYMBOL -> b.append(t.text().equals("==") ? "=" : t.text());
                default -> b.append(t.raw());
            }
        }
        return b.toString();
    }
}
