package io.sinkline.emulator.maxcompute.tunnel;

import java.util.ArrayList;
import java.util.List;

import com.aliyun.odps.Column;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.data.Record;
import com.google.gson.JsonObject;

import io.sinkline.emulator.maxcompute.sql.QueryResult;
import io.sinkline.emulator.maxcompute.storage.ColumnDef;
import io.sinkline.emulator.maxcompute.storage.TableDefJson;

/** The typed result of a finished SQL instance, as the instance tunnel serves it. */
record ResultRows(QueryResult result) implements RowSource {

    @Override
    public List<ColumnDef> columns() {
        return result.types();
    }

    @Override
    public JsonObject schemaJson() {
        JsonObject schema = new JsonObject();
        schema.add("columns", TableDefJson.columns(result.types()));
        schema.add("partitionKeys", TableDefJson.columns(List.of()));
        return schema;
    }

    @Override
    public long count() {
        return result.values().size();
    }

    @Override
    public List<Record> read(List<ColumnDef> selected, long start, long n) {
        int[] index = selected.stream().mapToInt(result.types()::indexOf).toArray();
        Column[] columns = selected.stream().map(c -> new Column(c.name(), c.typeInfo())).toArray(Column[]::new);
        List<Record> out = new ArrayList<>();
        for (long r = start; r < Math.min(start + n, count()); r++) {
            Object[] values = result.values().get((int) r);
            ArrayRecord record = new ArrayRecord(columns);
            for (int i = 0; i < index.length; i++) {
                record.set(i, values[index[i]]);
            }
            out.add(record);
        }
        return out;
    }
}
