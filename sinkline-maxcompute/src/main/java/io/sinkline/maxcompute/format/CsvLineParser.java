package io.sinkline.maxcompute.format;

import java.util.ArrayList;
import java.util.List;

import io.sinkline.core.record.RecordFormatException;

/**
 * Splits one CSV line (RFC 4180 quoting: a field in double quotes may hold the delimiter, line
 * breaks and {@code ""} for a quote). An unquoted field equal to the NULL text (default
 * {@code \N}) is NULL; a quoted one is the literal text.
 */
public final class CsvLineParser {

    private final char delimiter;
    private final String nullText;

    public CsvLineParser(char delimiter, String nullText) {
        this.delimiter = delimiter;
        this.nullText = nullText;
    }

    /** The fields of the line, with null for NULL fields. */
    public List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;      // inside quotes now
        boolean wasQuoted = false;   // the current field started with a quote
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    if (i < n && line.charAt(i) != delimiter) {
                        throw new RecordFormatException("CSV field " + (fields.size() + 1)
                                + " has text after its closing quote at position " + i);
                    }
                    continue;
                }
                field.append(c);
                i++;
            } else if (c == delimiter) {
                fields.add(finish(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                i++;
            } else {
                field.append(c);
                i++;
            }
        }
        if (quoted) {
            throw new RecordFormatException("CSV field " + (fields.size() + 1) + " has an opening quote but no closing quote");
        }
        fields.add(finish(field, wasQuoted));
        return fields;
    }

    private String finish(StringBuilder field, boolean wasQuoted) {
        String text = field.toString();
        return !wasQuoted && text.equals(nullText) ? null : text;
    }
}
