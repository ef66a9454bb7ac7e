package io.sinkline.tablestore.config;

import io.sinkline.core.record.JsonPathExpression;

/**
 * One configured column: its name, its type (null when not configured: inferred from the value)
 * and, in JSONPath mode, the rule that extracts it.
 */
public record ColumnSpec(String name, ColumnType type, JsonPathExpression path) {
    public ColumnSpec(String name, ColumnType type) {
        this(name, type, null);
    }
}
