package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.PrimaryKey;

import java.util.List;

/** A PutRow / UpdateRow / DeleteRow as the engine applies it. */
public record RowMutation(Kind kind, PrimaryKey primaryKey, List<ColumnChange> changes) {

    public enum Kind { PUT, UPDATE, DELETE }
}
