package io.sinkline.tablestore.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a comma-separated list, leaving commas inside brackets, parentheses and quotes alone,
 * so JSONPath rules such as {@code $['a','b']} survive.
 */
final class ListSplitter {
    private ListSplitter() {
    }

    static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return items;
        }
        int depth = 0;
        char quote = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(current.toString().trim());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        items.add(current.toString().trim());
        return items;
    }
}
