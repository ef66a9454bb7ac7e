package io.sinkline.maxcompute.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;

import com.aliyun.odps.Column;
import com.aliyun.odps.OdpsType;
import com.aliyun.odps.TableSchema;

import io.sinkline.maxcompute.config.RecordFormat;
import io.sinkline.maxcompute.config.RecordMode;

/**
 * Where each part of a record goes in the target table: the fixed columns the seeds define
 * ({@code topic}, {@code partition}, {@code offset}, and {@code key} / {@code value} for the
 * column-per-part formats), the custom columns (CSV, FLATTEN), and the partition column.
 * Built once per task from the table's schema, so a table that does not fit fails at start with
 * a message that names the column, not on the first record.
 */
public final class TableLayout {

    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String KEY = "key";
    public static final String VALUE = "value";

    private final String tableName;
    private final Column[] columns;
    private final int topicIndex;
    private final int partitionIndex;
    private final int offsetIndex;
    private final int keyIndex;
    private final int valueIndex;
    private final List<Integer> customIndexes;
    private final Map<String, Integer> customByName = new HashMap<>();
    private final String partitionColumn;

    private TableLayout(String tableName, Column[] columns, int topicIndex, int partitionIndex, int offsetIndex,
                        int keyIndex, int valueIndex, List<Integer> customIndexes, String partitionColumn) {
        this.tableName = tableName;
        this.columns = columns;
        this.topicIndex = topicIndex;
        this.partitionIndex = partitionIndex;
        this.offsetIndex = offsetIndex;
        this.keyIndex = keyIndex;
        this.valueIndex = valueIndex;
        this.customIndexes = List.copyOf(customIndexes);
        for (int i : customIndexes) {
            customByName.put(columns[i].getName(), i);
            customByName.put(columns[i].getName().toLowerCase(Locale.ROOT), i);
        }
        this.partitionColumn = partitionColumn;
    }

    /** Checks the table against the format and mode and maps its columns. */
    public static TableLayout of(String tableName, TableSchema schema, RecordFormat format, RecordMode mode) {
        Column[] columns = schema.getColumns().toArray(new Column[0]);
        int topic = requireColumn(tableName, columns, TOPIC, format, OdpsType.STRING);
        int partition = requireColumn(tableName, columns, PARTITION, format, OdpsType.BIGINT, OdpsType.INT);
        int offset = requireColumn(tableName, columns, OFFSET, format, OdpsType.BIGINT);
        int key = -1;
        int value = -1;
        List<Integer> custom = new ArrayList<>();
        if (format.supportsDefaultMode()) {
            OdpsType[] partTypes = switch (format) {
                case TEXT -> new OdpsType[] {OdpsType.STRING};
                case BINARY -> new OdpsType[] {OdpsType.BINARY, OdpsType.STRING};
                default -> new OdpsType[] {OdpsType.STRING, OdpsType.JSON};
            };
            key = mode.writesKey() ? requireColumn(tableName, columns, KEY, format, partTypes) : indexOf(columns, KEY);
            value = mode.writesValue() ? requireColumn(tableName, columns, VALUE, format, partTypes) : indexOf(columns, VALUE);
        } else {
            for (int i = 0; i < columns.length; i++) {
                if (i != topic && i != partition && i != offset) {
                    custom.add(i);
                }
            }
            if (custom.isEmpty()) {
                throw new ConnectException("Table " + tableName + " has no columns besides topic, partition and offset; format "
                        + format + " needs the custom columns the messages are split into");
            }
        }
        List<Column> partitionColumns = schema.getPartitionColumns();
        if (partitionColumns.size() > 1) {
            throw new ConnectException("Table " + tableName + " has " + partitionColumns.size()
                    + " partition columns; the connector fills exactly one (pt)");
        }
        String pt = null;
        if (partitionColumns.size() == 1) {
            Column ptColumn = partitionColumns.get(0);
            if (ptColumn.getTypeInfo().getOdpsType() != OdpsType.STRING) {
                throw new ConnectException("Partition column " + ptColumn.getName() + " of table " + tableName
                        + " is " + ptColumn.getTypeInfo().getTypeName() + "; the connector writes STRING values such as 07-13-2023 21:13");
            }
            pt = ptColumn.getName();
        }
        return new TableLayout(tableName, columns, topic, partition, offset, key, value, custom, pt);
    }

    private static int requireColumn(String table, Column[] columns, String name, RecordFormat format, OdpsType... types) {
        int index = indexOf(columns, name);
        if (index < 0) {
            throw new ConnectException("Table " + table + " has no column '" + name + "', which format " + format
                    + " writes; create it as " + types[0] + " (see the README for the table layout of each format)");
        }
        OdpsType actual = columns[index].getTypeInfo().getOdpsType();
        for (OdpsType allowed : types) {
            if (actual == allowed) {
                return index;
            }
        }
        throw new ConnectException("Column '" + name + "' of table " + table + " is " + actual + "; format " + format
                + " needs one of " + List.of(types));
    }

    private static int indexOf(Column[] columns, String name) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public String tableName() { return tableName; }
    public Column[] columns() { return columns; }
    public int topicIndex() { return topicIndex; }
    public int partitionIndex() { return partitionIndex; }
    public int offsetIndex() { return offsetIndex; }
    /** -1 when the table has no key column (allowed when the mode does not write it). */
    public int keyIndex() { return keyIndex; }
    public int valueIndex() { return valueIndex; }
    /** Columns other than topic/partition/offset, in table order (CSV and FLATTEN). */
    public List<Integer> customIndexes() { return customIndexes; }
    /** The partition column, empty for a table that is not partitioned. */
    public Optional<String> partitionColumn() { return Optional.ofNullable(partitionColumn); }

    /** The index of a custom column by name (case-insensitive), or -1. */
    public int customIndexOf(String name) {
        Integer index = customByName.get(name); // exact spelling first: no lower-casing per record
        if (index == null) {
            index = customByName.get(name.toLowerCase(Locale.ROOT));
        }
        return index == null ? -1 : index;
    }

    public boolean isFixed(String name) {
        return name.equalsIgnoreCase(TOPIC) || name.equalsIgnoreCase(PARTITION) || name.equalsIgnoreCase(OFFSET);
    }

    public List<String> customColumnNames() {
        return customIndexes.stream().map(i -> columns[i].getName()).toList();
    }
}
