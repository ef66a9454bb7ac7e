package io.sinkline.maxcompute.format;

import com.aliyun.odps.OdpsType;
import com.fasterxml.jackson.core.io.NumberInput;

/**
 * FLATTEN's fast path: a JSON object given as text (StringConverter's value, or bytes decoded as
 * UTF-8) read straight into the row, for the common shape only: keys and string values without
 * escapes, numbers, booleans and nulls, each going to a column of the matching type (STRING,
 * BIGINT, DOUBLE, BOOLEAN).
 * Anything else (an escape, a nested value, a key with no column, a value that needs converting,
 * an integer of more than 18 digits, text that is not strictly such an object) returns false, and
 * the caller reads the record with Jackson, which decides what it means and reports any error.
 *
 * <p>Why: a Jackson parser allocates about 500 bytes per record before it reads a character
 * (parser, I/O context, text buffer), which was a fifth of the task thread's allocation in the
 * benchmark, and its per-token work is general. For the objects it accepts this gives exactly the
 * values the Jackson path gives ({@code FlatObjectTextTest} holds the two to the same rows).
 */
final class FlatObjectText {

    /** Integers with more digits may not fit a long; Jackson decides those. */
    private static final int MAX_LONG_DIGITS = 18;

    private final TableLayout layout;
    private final FieldOrder order;

    FlatObjectText(TableLayout layout, FieldOrder order) {
        this.layout = layout;
        this.order = order;
    }

    /**
     * Puts the object's values into the row {@code row} has started (each value is of its
     * column's Java type, so it needs none of the SDK's conversions).
     *
     * @return false when the text is not of the shape this reads (the row is then partly filled:
     *     the caller starts it again)
     */
    boolean read(String json, RowBuilder row) {
        int i = skipWhitespace(json, 0);
        if (charAt(json, i) != '{') {
            return false;
        }
        i = skipWhitespace(json, i + 1);
        if (charAt(json, i) == '}') {
            return true;
        }
        for (int position = 0; ; position++) {
            if (charAt(json, i) != '"') {
                return false;
            }
            int nameEnd = stringEnd(json, i + 1);
            if (nameEnd < 0) {
                return false;
            }
            int column = columnOf(json, i + 1, nameEnd, position);
            if (column < 0) {
                return false;
            }
            i = skipWhitespace(json, nameEnd + 1);
            if (charAt(json, i) != ':') {
                return false;
            }
            i = readValue(json, skipWhitespace(json, i + 1), column, row);
            if (i < 0) {
                return false;
            }
            i = skipWhitespace(json, i);
            char next = charAt(json, i);
            if (next == '}') {
                return true; // what follows the object is not read, as on the Jackson path
            }
            if (next != ',') {
                return false;
            }
            i = skipWhitespace(json, i + 1);
        }
    }

    /** The key's column: the one remembered at this position when the key is the same, else looked up. */
    private int columnOf(String json, int start, int end, int position) {
        String expected = order.name(position);
        if (expected != null && expected.length() == end - start && json.startsWith(expected, start)) {
            return order.column(position);
        }
        String name = json.substring(start, end);
        int column = layout.customIndexOf(name);
        if (column >= 0) {
            order.remember(position, name, column);
        }
        return column;
    }

    /** Sets the value at {@code i} into the column; returns the index after it, or -1 to leave the record to Jackson. */
    private int readValue(String json, int i, int column, RowBuilder row) {
        OdpsType type = layout.columns()[column].getTypeInfo().getOdpsType();
        char first = charAt(json, i);
        if (first == '"') {
            int end = stringEnd(json, i + 1);
            if (end < 0 || type != OdpsType.STRING) {
                return -1;
            }
            row.putString(column, json.substring(i + 1, end));
            return end + 1;
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return readNumber(json, i, column, type, row);
        }
        if (json.startsWith("null", i) && endsToken(json, i + 4)) {
            row.putNull(column);
            return i + 4;
        }
        if (type == OdpsType.BOOLEAN && json.startsWith("true", i) && endsToken(json, i + 4)) {
            row.putBoolean(column, true);
            return i + 4;
        }
        if (type == OdpsType.BOOLEAN && json.startsWith("false", i) && endsToken(json, i + 5)) {
            row.putBoolean(column, false);
            return i + 5;
        }
        return -1;
    }

    /** A JSON number: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private static int readNumber(String json, int start, int column, OdpsType type, RowBuilder row) {
        int i = start;
        boolean negative = charAt(json, i) == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        if (charAt(json, i) == '0') {
            i++;
        } else {
            i = skipDigits(json, i);
        }
        int intDigits = i - digitsStart;
        if (intDigits == 0 || isDigit(charAt(json, i))) {
            return -1; // no digit, or a leading zero followed by digits
        }
        boolean integer = true;
        if (charAt(json, i) == '.') {
            int fraction = i + 1;
            i = skipDigits(json, fraction);
            if (i == fraction) {
                return -1;
            }
            integer = false;
        }
        char e = charAt(json, i);
        if (e == 'e' || e == 'E') {
            i++;
            if (charAt(json, i) == '+' || charAt(json, i) == '-') {
                i++;
            }
            int exponent = i;
            i = skipDigits(json, exponent);
            if (i == exponent) {
                return -1;
            }
            integer = false;
        }
        if (!endsToken(json, i)) {
            return -1;
        }
        if (integer) {
            if (intDigits > MAX_LONG_DIGITS || (type != OdpsType.BIGINT && type != OdpsType.DOUBLE)) {
                return -1;
            }
            long value = 0;
            for (int d = digitsStart; d < i; d++) {
                value = value * 10 + (json.charAt(d) - '0');
            }
            value = negative ? -value : value;
            if (type == OdpsType.BIGINT) {
                row.putBigint(column, value);
            } else {
                row.putDouble(column, value);
            }
            return i;
        }
        if (type != OdpsType.DOUBLE) {
            return -1;
        }
        // The parser Jackson uses with USE_FAST_DOUBLE_PARSER (FastDoubleParser): the same double for the same
        // text, several times faster than Double.parseDouble.
        row.putDouble(column, NumberInput.parseDouble(json.substring(start, i), true));
        return i;
    }

    /**
     * The index of the closing quote of a string starting at {@code i}, or -1 if it has an escape, a
     * control character or U+FFFD (what decoding leaves of bytes that are not UTF-8: Jackson reports those).
     */
    private static int stringEnd(String json, int i) {
        for (int n = json.length(); i < n; i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20 || c == '\uFFFD') {
                return -1;
            }
        }
        return -1;
    }

    /** A literal or number must be followed by a delimiter ("truex" and "12a" are errors Jackson reports). */
    private static boolean endsToken(String json, int i) {
        char c = charAt(json, i);
        return c == ',' || c == '}' || isWhitespace(c);
    }

    private static int skipDigits(String json, int i) {
        while (isDigit(charAt(json, i))) {
            i++;
        }
        return i;
    }

    private static int skipWhitespace(String json, int i) {
        while (isWhitespace(charAt(json, i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** The character at {@code i}, or 0 past the end (0 is no JSON token's first character). */
    private static char charAt(String json, int i) {
        return i < json.length() ? json.charAt(i) : 0;
    }
}
