package io.sinkline.tablestore.mapping;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * The attribute columns of a JSON object read straight from its text, without building a JSON
 * tree first: the connector's per-record hot path when every field becomes a column. Produces
 * exactly what the tree path produces ({@link TypedValues} on a parsed {@code JsonNode}): the
 * same types, the last value of a repeated field at the place of its first, nested values as
 * compact JSON text, {@code null} for a JSON null. Text that does not parse returns false, and
 * the caller takes the tree path, which reports the error.
 */
final class StreamedObjectColumns {
    // The decoder's ObjectMapper settings, so both paths parse the same documents alike; plus the
    // fast double parser, which rounds exactly as Double.parseDouble does, at a fraction of its cost.
    private static final JsonFactory JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build()).getFactory();

    private StreamedObjectColumns() {
    }

    /** Whether the text is worth streaming: a JSON object (leading whitespace allowed). */
    static boolean isObjectText(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    /**
     * As {@link #isObjectText} for UTF-8 bytes. A NUL second byte would make the parser guess
     * UTF-16, where the decoder reads UTF-8: such values take the tree path.
     */
    static boolean isObjectUtf8(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{' && (bytes.length < 2 || bytes[1] != 0);
            }
        }
        return false;
    }

    /**
     * Adds the object's fields, except {@code excluded} ones, to {@code columns}.
     * @return false when the text is not a well-formed JSON object ({@code columns} is then left partly filled)
     */
    static boolean read(String text, Set<String> excluded, Map<String, ColumnValue> columns) {
        try (JsonParser parser = JSON.createParser(text)) {
            return read(parser, excluded, columns);
        } catch (IOException e) {
            return false;
        }
    }

    /** As {@link #read(String, Set, Map)} for UTF-8 bytes, read without decoding them to a String first. */
    static boolean read(byte[] utf8, Set<String> excluded, Map<String, ColumnValue> columns) {
        try (JsonParser parser = JSON.createParser(utf8)) {
            return read(parser, excluded, columns);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean read(JsonParser parser, Set<String> excluded, Map<String, ColumnValue> columns)
            throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            if (excluded.contains(name)) {
                parser.skipChildren();
            } else {
                columns.put(name, value(name, parser, token));
            }
        }
        return parser.currentToken() == JsonToken.END_OBJECT;
    }

    private static ColumnValue value(String name, JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> TypedValues.checked(name, ColumnValue.fromString(parser.getText()));
            case VALUE_TRUE -> ColumnValue.fromBoolean(true);
            case VALUE_FALSE -> ColumnValue.fromBoolean(false);
            // As a tree's IntNode / LongNode: integers; a BigIntegerNode beyond long: double.
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? ColumnValue.fromDouble(parser.getBigIntegerValue().doubleValue())
                    : ColumnValue.fromLong(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> ColumnValue.fromDouble(parser.getDoubleValue());
            // Objects and arrays: the tree's compact JSON text.
            case START_OBJECT, START_ARRAY -> TypedValues.checked(name,
                    ColumnValue.fromString(parser.readValueAsTree().toString()));
            default -> throw new IOException("unexpected token " + token);
        };
    }
}
