package io.sinkline.emulator.tablestore.engine;

import java.util.List;

/** A column condition or read filter, evaluated over a row's visible cells. */
@FunctionalInterface
public interface RowPredicate {
    boolean test(List<Cell> visibleCells);
}
