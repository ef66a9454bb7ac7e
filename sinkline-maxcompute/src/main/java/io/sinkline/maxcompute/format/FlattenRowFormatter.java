package io.sinkline.maxcompute.format;

import java.util.Iterator;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aliyun.odps.data.ArrayRecord;
import com.fasterxml.jackson.databind.JsonNode;

import io.sinkline.core.record.PayloadDecoder;
import io.sinkline.core.record.PayloadFormat;
import io.sinkline.core.record.RecordFormatException;
import io.sinkline.maxcompute.config.RecordMode;

/**
 * FLATTEN: the value (or key) is a JSON object whose top-level keys go into the custom columns of
 * the same name (case-insensitive); nested objects go into JSON (or STRING) columns. A key with no
 * column is an error (seed 003's abnormal-data example: {@code extendinfos}); a column with no key
 * is NULL.
 */
final class FlattenRowFormatter implements RowFormatter {

    private final TableLayout layout;
    private final RecordMode mode;
    private final ColumnValueConverter converter;
    private final PayloadDecoder decoder = new PayloadDecoder(PayloadFormat.JSON);

    FlattenRowFormatter(TableLayout layout, RecordMode mode, ColumnValueConverter converter) {
        this.layout = layout;
        this.mode = mode;
        this.converter = converter;
    }

    @Override
    public ArrayRecord format(SinkRecord record) {
        String what = mode == RecordMode.KEY ? "key" : "value";
        Object part = mode == RecordMode.KEY ? record.key() : record.value();
        if (part == null) {
            throw new RecordFormatException("the record " + what + " is null; format FLATTEN needs a JSON object");
        }
        JsonNode tree = decoder.decode(part, what);
        if (!tree.isObject()) {
            throw new RecordFormatException("the record " + what + " is a JSON " + tree.getNodeType().name().toLowerCase()
                    + "; format FLATTEN needs a JSON object");
        }
        ArrayRecord row = MetadataColumns.newRow(layout, record);
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            int column = layout.customIndexOf(field.getKey());
            if (column < 0) {
                String why = layout.isFixed(field.getKey())
                        ? "is a fixed column the connector fills from the record's coordinates"
                        : "has no column in table " + layout.tableName() + " (custom columns: " + layout.customColumnNames() + ")";
                throw new RecordFormatException("JSON key '" + field.getKey() + "' " + why);
            }
            row.set(column, converter.fromJson(layout.columns()[column], field.getValue()));
        }
        return row;
    }
}
