package io.sinkline.emulator.maxcompute.tunnel;

import java.util.List;

import com.aliyun.odps.data.Record;
import com.google.gson.JsonObject;

import io.sinkline.emulator.maxcompute.storage.ColumnDef;

/** What a download session reads: a table (partition) or the result of a finished SQL instance. */
interface RowSource {

    /** The data columns a reader may select. */
    List<ColumnDef> columns();

    /** The {@code Schema} object of the session JSON. */
    JsonObject schemaJson();

    long count();

    /** Rows [start, start + count) with only {@code selected} columns, in that order. */
    List<Record> read(List<ColumnDef> selected, long start, long count);
}
