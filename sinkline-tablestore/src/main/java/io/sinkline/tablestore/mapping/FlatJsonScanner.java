package io.sinkline.tablestore.mapping;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.fasterxml.jackson.core.io.NumberInput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a flat JSON object read straight from its UTF-8 bytes: the common shape of a
 * record value (strings without escapes, numbers, booleans, nulls; no nesting) costs a fraction
 * of a Jackson parser, whose creation alone allocates about 800 bytes per record. Anything else
 * (an escape, a nested value, a very long integer, text that is not strictly such an object)
 * returns false and the caller reads the record with Jackson ({@link StreamedObjectColumns}),
 * which decides what it means. Produces exactly what Jackson and the tree path produce for the
 * objects it accepts: {@code StreamedColumnsTest} holds the three to the same result.
 */
final class FlatJsonScanner {
    /** Integers with more digits may not fit a long; Jackson decides those. */
    private static final int MAX_LONG_DIGITS = 18;

    private final FieldNames names = new FieldNames();

    /**
     * Adds the object's fields, except {@code excluded} ones, to {@code columns}.
     *
     * @return false when the bytes are not such a flat object ({@code columns} is then left partly filled)
     */
    boolean read(byte[] json, Set<String> excluded, Map<String, ColumnValue> columns) {
        int i = skipWhitespace(json, 0);
        if (at(json, i) != '{') {
            return false;
        }
        i = skipWhitespace(json, i + 1);
        if (at(json, i) == '}') {
            return skipWhitespace(json, i + 1) == json.length;
        }
        while (true) {
            if (at(json, i) != '"') {
                return false;
            }
            int nameEnd = stringEnd(json, i + 1);
            if (nameEnd < 0) {
                return false;
            }
            String name = names.get(json, i + 1, nameEnd);
            i = skipWhitespace(json, nameEnd + 1);
            if (at(json, i) != ':') {
                return false;
            }
            i = skipWhitespace(json, i + 1);
            ColumnValue value;
            byte first = at(json, i);
            if (first == '"') {
                int end = stringEnd(json, i + 1);
                if (end < 0) {
                    return false;
                }
                value = TypedValues.checked(name, ColumnValue.fromString(text(json, i + 1, end)));
                i = end + 1;
            } else if (first == 't' && literal(json, i, "true")) {
                value = ColumnValue.fromBoolean(true);
                i += 4;
            } else if (first == 'f' && literal(json, i, "false")) {
                value = ColumnValue.fromBoolean(false);
                i += 5;
            } else if (first == 'n' && literal(json, i, "null")) {
                value = null;
                i += 4;
            } else if (first == '-' || isDigit(first)) {
                int end = numberEnd(json, i);
                if (end < 0) {
                    return false;
                }
                value = number(json, i, end);
                if (value == null) {
                    return false;
                }
                i = end;
            } else {
                return false; // nested object or array, or not JSON
            }
            if (!excluded.contains(name)) {
                columns.put(name, value); // a repeated field: its last value, at the place of its first
            }
            i = skipWhitespace(json, i);
            byte next = at(json, i);
            if (next == '}') {
                return skipWhitespace(json, i + 1) == json.length;
            }
            if (next != ',') {
                return false;
            }
            i = skipWhitespace(json, i + 1);
        }
    }

    /** The byte at {@code i}, or 0 (never valid where it is checked) past the end. */
    private static byte at(byte[] json, int i) {
        return i < json.length ? json[i] : 0;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int skipWhitespace(byte[] json, int i) {
        while (i < json.length) {
            byte b = json[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The index of the closing quote of a string without escapes or control characters, or -1. */
    private static int stringEnd(byte[] json, int i) {
        for (; i < json.length; i++) {
            byte b = json[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                return -1;
            }
        }
        return -1;
    }

    /** UTF-8 text between two ASCII delimiters, decoded as the tree path decodes the whole value. */
    private static String text(byte[] json, int from, int to) {
        return new String(json, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean literal(byte[] json, int i, String word) {
        if (i + word.length() > json.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (json[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true; // what follows must be a delimiter: the caller checks for ',' or '}'
    }

    /** The end of a number in JSON's strict grammar (no leading zeros, '+', '.5' or '1.'), or -1. */
    private static int numberEnd(byte[] json, int i) {
        if (at(json, i) == '-') {
            i++;
        }
        if (at(json, i) == '0') {
            i++;
        } else if (isDigit(at(json, i))) {
            while (isDigit(at(json, i))) {
                i++;
            }
        } else {
            return -1;
        }
        if (at(json, i) == '.') {
            i++;
            if (!isDigit(at(json, i))) {
                return -1;
            }
            while (isDigit(at(json, i))) {
                i++;
            }
        }
        byte e = at(json, i);
        if (e == 'e' || e == 'E') {
            i++;
            byte sign = at(json, i);
            if (sign == '+' || sign == '-') {
                i++;
            }
            if (!isDigit(at(json, i))) {
                return -1;
            }
            while (isDigit(at(json, i))) {
                i++;
            }
        }
        return i;
    }

    /** As Jackson types it: an integer that fits a long, or a double; null when Jackson should decide. */
    private static ColumnValue number(byte[] json, int from, int to) {
        boolean integer = true;
        for (int k = from; k < to; k++) {
            byte b = json[k];
            if (b == '.' || b == 'e' || b == 'E') {
                integer = false;
                break;
            }
        }
        if (integer) {
            int digits = to - from - (json[from] == '-' ? 1 : 0);
            if (digits > MAX_LONG_DIGITS) {
                return null;
            }
            long value = 0;
            for (int k = json[from] == '-' ? from + 1 : from; k < to; k++) {
                value = value * 10 + (json[k] - '0');
            }
            return ColumnValue.fromLong(json[from] == '-' ? -value : value);
        }
        double value = NumberInput.parseDouble(new String(json, from, to - from, StandardCharsets.ISO_8859_1), true);
        return Double.isFinite(value) ? ColumnValue.fromDouble(value) : null; // out of range: Jackson decides
    }

    /**
     * Field names seen before, by their bytes: records of one topic repeat the same few names, so
     * each is decoded once. A small direct-mapped cache of immutable entries, safe to share.
     */
    private static final class FieldNames {
        private static final int SLOTS = 256;
        private final Name[] slots = new Name[SLOTS];

        String get(byte[] json, int from, int to) {
            int hash = 1;
            for (int k = from; k < to; k++) {
                hash = 31 * hash + json[k];
            }
            int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
            Name cached = slots[slot];
            if (cached != null && cached.matches(json, from, to)) {
                return cached.text;
            }
            Name name = new Name(Arrays.copyOfRange(json, from, to), text(json, from, to));
            slots[slot] = name;
            return name.text;
        }

        private record Name(byte[] bytes, String text) {
            boolean matches(byte[] json, int from, int to) {
                return Arrays.equals(bytes, 0, bytes.length, json, from, to);
            }
        }
    }
}
