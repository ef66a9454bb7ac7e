package io.sinkline.emulator.tablestore.engine;

/** Row existence expectation plus an optional column condition. */
public record WriteCondition(RowExistence existence, RowPredicate columnCondition) {
    public static final WriteCondition NONE = new WriteCondition(RowExistence.IGNORE, null);
}
