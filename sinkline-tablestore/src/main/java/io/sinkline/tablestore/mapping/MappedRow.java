package io.sinkline.tablestore.mapping;

import com.alicloud.openservices.tablestore.model.RowChange;

/** A record's row change and the table it goes to. */
public record MappedRow(String table, RowChange change) {
}
