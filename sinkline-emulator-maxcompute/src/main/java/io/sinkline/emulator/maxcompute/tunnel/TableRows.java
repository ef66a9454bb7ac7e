package io.sinkline.emulator.maxcompute.tunnel;

import java.util.List;

import com.aliyun.odps.data.Record;
import com.google.gson.JsonObject;

import io.sinkline.emulator.maxcompute.storage.ColumnDef;
import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/** A table partition as a download source; the row count is fixed when the session is created. */
record TableRows(Store store, TableDef table, PartitionValues partition, long count) implements RowSource {

    static TableRows of(Store store, TableDef table, PartitionValues partition) {
        return new TableRows(store, table, partition, store.rowCount(table, partition));
    }

    @Override
    public List<ColumnDef> columns() {
        return table.columns();
    }

    @Override
    public JsonObject schemaJson() {
        return SessionJson.schema(table);
    }

    @Override
    public List<Record> read(List<ColumnDef> selected, long start, long n) {
        return store.read(table, partition, selected, start, n);
    }
}
