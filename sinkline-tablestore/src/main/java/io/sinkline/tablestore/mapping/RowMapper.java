package io.sinkline.tablestore.mapping;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.Condition;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowExistenceExpectation;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import io.sinkline.core.record.RecordFormatException;
import io.sinkline.core.record.RecordView;
import io.sinkline.tablestore.config.ColumnSpec;
import io.sinkline.tablestore.config.DeleteMode;
import io.sinkline.tablestore.config.OperationMode;
import io.sinkline.tablestore.config.PrimaryKeyMode;
import io.sinkline.tablestore.config.TableMapping;
import io.sinkline.tablestore.write.TrackedRows;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table's mapping from a record to a row change: primary key, attribute columns and
 * operation (put / update / delete, tombstones, null columns) as configured.
 * Thread-safe; malformed records raise {@link RecordFormatException} with the reason.
 */
public final class RowMapper {
    private final String table;
    private final PrimaryKeyExtractor primaryKey;
    private final ColumnExtractor columns;
    private final OperationMode operation;
    private final DeleteMode deleteMode;

    public RowMapper(TableMapping mapping, PrimaryKeyMode mode, OperationMode operation, DeleteMode deleteMode,
                     boolean overEnvelope) {
        this.table = mapping.table();
        List<ColumnSpec> pk = mode == PrimaryKeyMode.KAFKA ? TableMapping.kafkaPrimaryKey() : mapping.primaryKey();
        this.primaryKey = new PrimaryKeyExtractor(mode, pk, overEnvelope);
        // A value field named like a primary-key column never becomes an attribute column:
        // the service refuses attribute columns that duplicate the primary key.
        Set<String> pkFields = new HashSet<>();
        pk.forEach(c -> pkFields.add(c.name()));
        this.columns = new ColumnExtractor(mapping.columns(), pkFields, overEnvelope);
        this.operation = operation;
        this.deleteMode = deleteMode;
    }

    public String table() {
        return table;
    }

    public RowChange map(RecordView view) {
        PrimaryKey key = primaryKey.extract(view);
        if (view.isTombstone()) {
            if (operation == OperationMode.DELETE || deleteMode.deletesRows()) {
                return delete(key);
            }
            throw new RecordFormatException("a tombstone (null value) cannot delete a row: delete.mode="
                    + deleteMode.name().toLowerCase() + " does not allow row deletes");
        }
        return switch (operation) {
            case DELETE -> delete(key);
            case PUT -> put(key, columns.extract(view));
            case UPDATE -> update(key, columns.extract(view));
        };
    }

    private RowChange delete(PrimaryKey key) {
        RowDeleteChange change = TrackedRows.delete(table, key);
        change.setCondition(new Condition(RowExistenceExpectation.IGNORE));
        return change;
    }

    private RowChange put(PrimaryKey key, Map<String, ColumnValue> values) {
        RowPutChange change = TrackedRows.put(table, key);
        for (Map.Entry<String, ColumnValue> column : values.entrySet()) {
            if (column.getValue() != null) {
                change.addColumn(column.getKey(), column.getValue());
            }
        }
        change.setCondition(new Condition(RowExistenceExpectation.IGNORE));
        return change;
    }

    private RowChange update(PrimaryKey key, Map<String, ColumnValue> values) {
        RowUpdateChange change = TrackedRows.update(table, key);
        int changes = 0;
        for (Map.Entry<String, ColumnValue> entry : values.entrySet()) {
            if (entry.getValue() != null) {
                change.put(entry.getKey(), entry.getValue());
                changes++;
            } else if (deleteMode.deletesColumns()) {
                change.deleteColumns(entry.getKey());
                changes++;
            }
        }
        if (changes == 0) {
            throw new RecordFormatException("nothing to update: the record has no non-null column"
                    + (deleteMode.deletesColumns() ? "" : " (null columns delete only with delete.mode=column or row_and_column)"));
        }
        change.setCondition(new Condition(RowExistenceExpectation.IGNORE));
        return change;
    }
}
