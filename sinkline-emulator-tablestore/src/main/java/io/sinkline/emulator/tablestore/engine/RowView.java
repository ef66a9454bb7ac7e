package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.PrimaryKey;

import java.util.List;

/** A row as read: its primary key and the selected cells (name ascending, newest version first). */
public record RowView(PrimaryKey primaryKey, List<Cell> cells) {
}
