package io.sinkline.maxcompute.format;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The order in which the last JSON objects named their keys, and the column of each. Records of
 * one topic nearly always list their keys in the same order, so the parser can check "is the
 * next key the one expected here?" by comparing characters, instead of hashing every key and
 * looking up its column. Any other key is looked up as usual and becomes the new expectation.
 */
final class FieldOrder {

    private static final int MAX_REMEMBERED = 1024;

    private SerializedString[] names = new SerializedString[16];
    private int[] columns = new int[16];

    /** Advances the parser to the next token; true when it is the key remembered at {@code position}. */
    boolean nextIsExpected(JsonParser parser, int position) throws IOException {
        SerializedString expected = position < names.length ? names[position] : null;
        if (expected == null) {
            parser.nextToken();
            return false;
        }
        return parser.nextFieldName(expected);
    }

    /** The key remembered at {@code position}, or null. */
    String name(int position) {
        SerializedString name = position < names.length ? names[position] : null;
        return name == null ? null : name.getValue();
    }

    int column(int position) {
        return columns[position];
    }

    void remember(int position, String name, int column) {
        if (position >= MAX_REMEMBERED) {
            return;
        }
        if (position >= names.length) {
            int size = Math.min(MAX_REMEMBERED, Math.max(position + 1, names.length * 2));
            names = Arrays.copyOf(names, size);
            columns = Arrays.copyOf(columns, size);
        }
        names[position] = new SerializedString(name);
        columns[position] = column;
    }
}
