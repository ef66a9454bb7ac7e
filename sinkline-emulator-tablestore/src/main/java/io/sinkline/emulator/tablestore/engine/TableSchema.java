package io.sinkline.emulator.tablestore.engine;

import java.util.List;

/** What CreateTable fixed for a table: name, primary key, defined columns, creation time. */
public record TableSchema(String name, List<PrimaryKeyColumnSchema> primaryKey, List<DefinedColumn> definedColumns,
                          long creationTimeMicros, String tableId) {
}
