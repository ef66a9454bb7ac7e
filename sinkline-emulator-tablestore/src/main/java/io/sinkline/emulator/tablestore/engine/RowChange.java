package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.PrimaryKey;

import java.util.List;

/** A write as it was applied, with resolved primary key and versions; what a stream records. */
public record RowChange(RowMutation.Kind kind, PrimaryKey primaryKey, List<ColumnChange> columns, long timestampMicros) {
}
