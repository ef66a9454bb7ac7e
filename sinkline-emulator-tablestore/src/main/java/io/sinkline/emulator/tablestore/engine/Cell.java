package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.ColumnValue;

/** One version of one attribute column. */
public record Cell(String name, long timestamp, ColumnValue value) {
}
