package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.ColumnValue;

/**
 * One column of a row change. {@code timestamp} is null when the client left the version to the
 * server; after the engine applied the change it is always resolved.
 */
public record ColumnChange(Op op, String name, ColumnValue value, Long timestamp) {

    public enum Op { PUT, DELETE_ONE_VERSION, DELETE_ALL_VERSIONS, INCREMENT }

    public ColumnChange withValue(ColumnValue newValue) {
        return new ColumnChange(op, name, newValue, timestamp);
    }
}
