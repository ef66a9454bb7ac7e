package io.sinkline.maxcompute.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aliyun.odps.Column;
import com.aliyun.odps.OdpsType;
import com.aliyun.odps.data.ArrayRecord;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.sinkline.core.record.PayloadDecoder;
import io.sinkline.core.record.PayloadFormat;
import io.sinkline.core.record.RecordFormatException;
import io.sinkline.maxcompute.config.RecordMode;

/**
 * FLATTEN: the value (or key) is a JSON object whose top-level keys go into the custom columns of
 * the same name (case-insensitive); nested objects go into JSON (or STRING) columns. A key with no
 * column is an error (seed 003's abnormal-data example: {@code extendinfos}); a column with no key
 * is NULL.
 *
 * <p>JSON text of the common flat shape, as StringConverter delivers it or as UTF-8 bytes from
 * ByteArrayConverter, is read without a parser ({@link FlatObjectText}). Any other JSON text is read
 * with a streaming parser straight into the row: building a JSON tree per record was the largest
 * cost of the task thread. Values of the common column types take a direct path; any other value
 * becomes a tree of that one value and is converted exactly as the tree path converts it.
 */
final class FlattenRowFormatter implements RowFormatter {

    /** FastDoubleParser (bundled with jackson-core): same doubles as Double.parseDouble, several times faster. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private final TableLayout layout;
    private final RecordMode mode;
    private final ColumnValueConverter converter;
    private final RowBuilder rows;
    private final FieldOrder order = new FieldOrder();
    private final FlatObjectText flatText;
    private final PayloadDecoder decoder = new PayloadDecoder(PayloadFormat.JSON);

    FlattenRowFormatter(TableLayout layout, RecordMode mode, ColumnValueConverter converter) {
        this(layout, mode, converter, true);
    }

    /** {@code readsFlatText} false: every JSON text goes to Jackson (tests hold the fast path to that). */
    FlattenRowFormatter(TableLayout layout, RecordMode mode, ColumnValueConverter converter, boolean readsFlatText) {
        this.layout = layout;
        this.mode = mode;
        this.converter = converter;
        this.rows = new RowBuilder(layout);
        this.flatText = readsFlatText ? new FlatObjectText(layout, order) : null;
    }

    @Override
    public Object[] format(SinkRecord record) {
        String what = mode == RecordMode.KEY ? "key" : "value";
        Object part = mode == RecordMode.KEY ? record.key() : record.value();
        if (part == null) {
            throw new RecordFormatException("the record " + what + " is null; format FLATTEN needs a JSON object");
        }
        ArrayRecord row = rows.start(record);
        String text = flatTextOf(part);
        if (text != null) {
            if (flatText.read(text, rows)) {
                return rows.finish();
            }
            row = rows.start(record); // not of the simple shape: Jackson reads it from the start
        }
        boolean streamed = (part instanceof String || part instanceof byte[]) && streamObject(part, what, row);
        if (!streamed) {
            setFromTree(decoder.decode(part, what), what, row);
        }
        return rows.finish();
    }

    /**
     * The JSON text for the no-parser path, or null: a String as it is, bytes decoded as UTF-8 (bytes
     * that are not UTF-8 decode to U+FFFD, which that path leaves to Jackson, which reports them).
     */
    private String flatTextOf(Object part) {
        if (flatText == null) {
            return null;
        }
        if (part instanceof String s) {
            return s;
        }
        return part instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : null;
    }

    /** @return false when the text is not a JSON object: the tree path then says what it is instead */
    private boolean streamObject(Object text, String what, ArrayRecord row) {
        try (JsonParser parser = text instanceof String s ? JSON.createParser(s) : JSON.createParser((byte[]) text)) {
            if (!startsObject(parser)) {
                return false;
            }
            for (int position = 0; ; position++) {
                int column;
                if (order.nextIsExpected(parser, position)) {
                    column = order.column(position);
                } else if (parser.currentToken() == JsonToken.FIELD_NAME) {
                    column = columnOf(parser.currentName());
                    order.remember(position, parser.currentName(), column);
                } else {
                    break;
                }
                JsonToken token = parser.nextToken();
                row.set(column, value(layout.columns()[column], token, parser));
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new RecordFormatException("the record " + what + " is not valid JSON: unexpected "
                        + parser.currentToken());
            }
            return true;
        } catch (JsonProcessingException e) {
            throw new RecordFormatException("the record " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RecordFormatException("the record " + what + " could not be read as JSON", e);
        }
    }

    private static boolean startsObject(JsonParser parser) {
        try {
            return parser.nextToken() == JsonToken.START_OBJECT;
        } catch (IOException notJsonAtAll) {
            return false; // plain text: the tree path reads it as a JSON string and says so
        }
    }

    private Object value(Column column, JsonToken token, JsonParser parser) throws IOException {
        OdpsType type = column.getTypeInfo().getOdpsType();
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                if (type == OdpsType.STRING) {
                    return parser.getText();
                }
                break;
            case VALUE_NUMBER_INT:
                JsonParser.NumberType size = parser.getNumberType();
                boolean fitsLong = size == JsonParser.NumberType.INT || size == JsonParser.NumberType.LONG;
                if (fitsLong && type == OdpsType.BIGINT) {
                    return parser.getLongValue();
                }
                if (fitsLong && type == OdpsType.DOUBLE) {
                    return (double) parser.getLongValue();
                }
                break;
            case VALUE_NUMBER_FLOAT:
                if (type == OdpsType.DOUBLE) {
                    return parser.getDoubleValue();
                }
                break;
            case VALUE_TRUE:
            case VALUE_FALSE:
                if (type == OdpsType.BOOLEAN) {
                    return token == JsonToken.VALUE_TRUE;
                }
                break;
            default:
                break;
        }
        JsonNode node = parser.readValueAsTree();
        return converter.fromJson(column, node);
    }

    private void setFromTree(JsonNode tree, String what, ArrayRecord row) {
        if (!tree.isObject()) {
            throw new RecordFormatException("the record " + what + " is a JSON " + tree.getNodeType().name().toLowerCase()
                    + "; format FLATTEN needs a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            int column = columnOf(field.getKey());
            row.set(column, converter.fromJson(layout.columns()[column], field.getValue()));
        }
    }

    private int columnOf(String key) {
        int column = layout.customIndexOf(key);
        if (column < 0) {
            String why = layout.isFixed(key)
                    ? "is a fixed column the connector fills from the record's coordinates"
                    : "has no column in table " + layout.tableName() + " (custom columns: " + layout.customColumnNames() + ")";
            throw new RecordFormatException("JSON key '" + key + "' " + why);
        }
        return column;
    }
}
