package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.PrimaryKeyType;

/** One primary-key column of a table: name, type, and whether the server generates its values. */
public record PrimaryKeyColumnSchema(String name, PrimaryKeyType type, boolean autoIncrement) {
}
