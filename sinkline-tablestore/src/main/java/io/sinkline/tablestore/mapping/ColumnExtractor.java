package io.sinkline.tablestore.mapping;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.sinkline.core.record.PayloadFormat;
import io.sinkline.core.record.RecordView;
import io.sinkline.tablestore.config.ColumnSpec;
import io.sinkline.tablestore.config.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks a row's attribute columns, converted to Tablestore values: the whitelist (by field name or
 * by JSONPath rule), or every field of the value except the primary-key fields. A value that is
 * not an object and has no whitelist becomes one column named {@code value}. JSON nulls are kept
 * (as a null value) so the operation can decide whether they delete a column.
 */
final class ColumnExtractor {
    static final String SCALAR_VALUE_COLUMN = "value";

    private final List<ColumnSpec> whitelist;
    private final Set<String> primaryKeyFields;
    private final boolean overEnvelope;
    private final FlatJsonScanner flatScanner = new FlatJsonScanner();

    ColumnExtractor(List<ColumnSpec> whitelist, Set<String> primaryKeyFields, boolean overEnvelope) {
        this.whitelist = whitelist;
        this.primaryKeyFields = primaryKeyFields;
        this.overEnvelope = overEnvelope;
    }

    /** Column name → value, in the record's order; a null value stands for a JSON null. */
    Map<String, ColumnValue> extract(RecordView view) {
        Map<String, ColumnValue> columns = new LinkedHashMap<>();
        if (!whitelist.isEmpty()) {
            JsonNode value = null;
            for (ColumnSpec spec : whitelist) {
                JsonNode found;
                if (spec.path() != null) {
                    found = spec.path().read(overEnvelope ? view.envelope() : view.document()).orElse(null);
                } else {
                    value = value == null ? view.value() : value;
                    found = value.isObject() ? value.get(spec.name()) : null;
                }
                if (found != null) {
                    columns.put(spec.name(), convert(spec.name(), found, spec.type()));
                }
            }
            return columns;
        }
        if (streamed(view, columns)) {
            return columns;
        }
        columns.clear();
        JsonNode value = view.value();
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!primaryKeyFields.contains(field.getKey())) {
                    columns.put(field.getKey(), convert(field.getKey(), field.getValue(), null));
                }
            }
        } else if (!value.isNull()) {
            columns.put(SCALAR_VALUE_COLUMN, convert(SCALAR_VALUE_COLUMN, value, null));
        }
        return columns;
    }

    /**
     * Every field of a JSON object value read straight from its text, when nothing decoded the
     * value yet (no filter, no rule read it): the same columns as the tree, without the tree.
     */
    private boolean streamed(RecordView view, Map<String, ColumnValue> columns) {
        if (view.format() != PayloadFormat.JSON || view.isValueDecoded()) {
            return false;
        }
        Object raw = view.record().value();
        if (raw instanceof String text) {
            // ASCII text (as many bytes as chars) is scanned as UTF-8 bytes; other text goes to
            // Jackson, which reads a lone surrogate as the tree does (the encoder would replace it).
            byte[] ascii = text.getBytes(StandardCharsets.UTF_8);
            if (ascii.length == text.length() && flatScanner.read(ascii, primaryKeyFields, columns)) {
                return true;
            }
            columns.clear();
            return StreamedObjectColumns.isObjectText(text) && StreamedObjectColumns.read(text, primaryKeyFields, columns);
        }
        if (raw instanceof byte[] utf8) { // the decoder reads bytes as UTF-8 text
            if (flatScanner.read(utf8, primaryKeyFields, columns)) {
                return true;
            }
            columns.clear(); // not a flat object of simple values: Jackson reads it
            return StreamedObjectColumns.isObjectUtf8(utf8) && StreamedObjectColumns.read(utf8, primaryKeyFields, columns);
        }
        return false;
    }

    private static ColumnValue convert(String name, JsonNode value, ColumnType declared) {
        return value instanceof NullNode ? null : TypedValues.column(name, value, declared);
    }
}
