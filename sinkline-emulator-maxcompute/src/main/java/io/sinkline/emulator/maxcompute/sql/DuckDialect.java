package io.sinkline.emulator.maxcompute.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rewrites a MaxCompute query into DuckDB SQL: back-quoted names become double-quoted, "…" strings become '…',
 * project (and schema) qualifiers are dropped from table names, and the few functions whose names differ are renamed.
 */
final class DuckDialect {

    private static final Map<String, String> FUNCTIONS = Map.of(
            "get_json_object", "json_extract_string",
            "json_extract", "json_extract",
            "datetrunc", "date_trunc",
            "getdate", "now",
            "nvl", "coalesce");

    private final String project;

    DuckDialect(String project) {
        this.project = project.toLowerCase(Locale.ROOT);
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
                    if (fn != null && call) {
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
