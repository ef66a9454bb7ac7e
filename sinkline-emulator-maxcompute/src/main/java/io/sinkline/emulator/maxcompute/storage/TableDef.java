package io.sinkline.emulator.maxcompute.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.aliyun.odps.Column;
import com.aliyun.odps.TableSchema;

/** A table's definition: data columns, partition keys, comment and times (epoch seconds). */
public record TableDef(String name, List<ColumnDef> columns, List<ColumnDef> partitionKeys, String comment,
                       long createdSeconds, long lastDdlSeconds) {

    public TableDef {
        name = name.toLowerCase();
        columns = List.copyOf(columns);
        partitionKeys = List.copyOf(partitionKeys);
        comment = comment == null ? "" : comment;
    }

    public boolean partitioned() {
        return !partitionKeys.isEmpty();
    }

    /** Data columns followed by partition keys: the layout of the backing table. */
    public List<ColumnDef> allColumns() {
        List<ColumnDef> all = new ArrayList<>(columns);
        all.addAll(partitionKeys);
        return all;
    }

    public Optional<ColumnDef> column(String name) {
        String n = name.toLowerCase();
        return allColumns().stream().filter(c -> c.name().equals(n)).findFirst();
    }

    /** The SDK's view of the data columns (what tunnel records carry). */
    public TableSchema sdkSchema() {
        TableSchema schema = new TableSchema();
        for (ColumnDef c : columns) {
            Column column = new Column(c.name(), c.typeInfo(), c.comment());
            column.setNullable(c.nullable());
            schema.addColumn(column);
        }
        for (ColumnDef c : partitionKeys) {
            schema.addPartitionColumn(new Column(c.name(), c.typeInfo(), c.comment()));
        }
        return schema;
    }
}
