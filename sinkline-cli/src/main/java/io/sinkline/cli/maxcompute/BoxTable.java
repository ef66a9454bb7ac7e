package io.sinkline.cli.maxcompute;

import java.io.PrintWriter;
import java.util.List;

/** A result table drawn with {@code +---+} rules, as odpscmd prints query results. */
final class BoxTable {

    private BoxTable() {
    }

    static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < width.length && i < row.size(); i++) {
                width[i] = Math.max(width[i], cell(row.get(i)).length());
            }
        }
        String rule = rule(width);
        out.println(rule);
        out.println(line(header, width));
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, width));
        }
        out.println(rule);
    }

    private static String rule(int[] width) {
        StringBuilder b = new StringBuilder("+");
        for (int w : width) {
            b.append("-".repeat(w + 2)).append('+');
        }
        return b.toString();
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cell(cells.get(i)) : "";
            b.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s == null ? "NULL" : s.replace('\n', ' ');
    }
}
