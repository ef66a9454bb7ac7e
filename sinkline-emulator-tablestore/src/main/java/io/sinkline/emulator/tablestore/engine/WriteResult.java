package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.PrimaryKey;

import java.util.List;

/** The outcome of one row write: the primary key written (auto-increment resolved) and the columns it changed. */
public record WriteResult(PrimaryKey primaryKey, List<ColumnChange> applied) {
}
