package io.sinkline.emulator.tablestore.stream;

import io.sinkline.emulator.tablestore.engine.RowChange;

/** One change in a shard, with the sequence info the SDK reports (epoch, timestamp µs, row index). */
public record StreamRecord(RowChange change, int epoch, long timestampMicros, int rowIndex) {
}
