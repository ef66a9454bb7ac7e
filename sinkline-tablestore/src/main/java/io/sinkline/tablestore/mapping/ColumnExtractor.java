package io.sinkline.tablestore.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.sinkline.core.record.RecordView;
import io.sinkline.tablestore.config.ColumnSpec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks a row's attribute columns: the whitelist (by field name or by JSONPath rule), or every
 * field of the value except the primary-key fields. A value that is not an object and has no
 * whitelist becomes one column named {@code value}. Null values are kept (as JSON null) so the
 * operation can decide whether they delete a column.
 */
final class ColumnExtractor {
    static final String SCALAR_VALUE_COLUMN = "value";

    private final List<ColumnSpec> whitelist;
    private final Set<String> primaryKeyFields;
    private final boolean overEnvelope;

    ColumnExtractor(List<ColumnSpec> whitelist, Set<String> primaryKeyFields, boolean overEnvelope) {
        this.whitelist = whitelist;
        this.primaryKeyFields = primaryKeyFields;
        this.overEnvelope = overEnvelope;
    }

    /** Column name → (value, declared type or null). */
    Map<String, Typed> extract(RecordView view) {
        Map<String, Typed> columns = new LinkedHashMap<>();
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
                    columns.put(spec.name(), new Typed(found, spec.type()));
                }
            }
            return columns;
        }
        JsonNode value = view.value();
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!primaryKeyFields.contains(field.getKey())) {
                    columns.put(field.getKey(), new Typed(field.getValue(), null));
                }
            }
        } else if (!value.isNull()) {
            columns.put(SCALAR_VALUE_COLUMN, new Typed(value, null));
        }
        return columns;
    }

    record Typed(JsonNode value, io.sinkline.tablestore.config.ColumnType type) {
        boolean isNull() {
            return value == null || value instanceof NullNode;
        }
    }
}
