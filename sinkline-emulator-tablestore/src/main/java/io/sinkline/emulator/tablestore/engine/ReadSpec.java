package io.sinkline.emulator.tablestore.engine;

import java.util.Set;

/**
 * What to read of a row: the columns (empty = all), versions per column, a version time range,
 * a filter and an optional [startColumn, endColumn) name window.
 */
public record ReadSpec(Set<String> columns, int maxVersions, TimeRange timeRange, RowPredicate filter,
                       String startColumn, String endColumn) {

    boolean wants(String column) {
        if (!columns.isEmpty() && !columns.contains(column)) {
            return false;
        }
        if (startColumn != null && !startColumn.isEmpty() && column.compareTo(startColumn) < 0) {
            return false;
        }
        return endColumn == null || endColumn.isEmpty() || column.compareTo(endColumn) < 0;
    }
}
