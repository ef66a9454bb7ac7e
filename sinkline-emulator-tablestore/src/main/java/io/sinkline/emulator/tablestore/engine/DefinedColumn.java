package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.DefinedColumnType;

/** A pre-defined attribute column (used by secondary indexes on the service; recorded and described here). */
public record DefinedColumn(String name, DefinedColumnType type) {
}
