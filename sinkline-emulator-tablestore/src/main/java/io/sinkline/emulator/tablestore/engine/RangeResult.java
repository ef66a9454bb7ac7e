package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.PrimaryKey;

import java.util.List;

/** One page of a range read; {@code nextStart} is null once the range is exhausted. */
public record RangeResult(List<RowView> rows, PrimaryKey nextStart) {
}
