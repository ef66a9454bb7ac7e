package io.sinkline.emulator.tablestore.engine;

/** Told about every applied write of a table, in per-row order (a table's stream listens). */
@FunctionalInterface
public interface RowChangeListener {
    RowChangeListener NONE = (table, change) -> { };

    void rowChanged(Table table, RowChange change);
}
