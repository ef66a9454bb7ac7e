package io.sinkline.emulator.maxcompute.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.aliyun.odps.PartitionSpec;

import io.sinkline.emulator.maxcompute.http.OdpsError;

/** A full partition spec of one table, its values in the order of the table's partition keys. */
public record PartitionValues(List<String> keys, List<String> values) {

    public PartitionValues {
        keys = List.copyOf(keys);
        values = List.copyOf(values);
    }

    public static PartitionValues none() {
        return new PartitionValues(List.of(), List.of());
    }

    /** Parses {@code pt='a',region=b} (the SDK's form) and checks it names every partition key of {@code table}. */
    public static PartitionValues parse(TableDef table, String spec) {
        Map<String, String> given = new LinkedHashMap<>();
        if (spec != null && !spec.isBlank()) {
            PartitionSpec ps = new PartitionSpec(spec.replace('/', ','));
            for (String k : ps.keys()) {
                given.put(k.toLowerCase(), ps.get(k));
            }
        }
        return of(table, given);
    }

    public static PartitionValues of(TableDef table, Map<String, String> given) {
        if (!table.partitioned()) {
            if (!given.isEmpty()) {
                throw OdpsError.invalidArgument("Table " + table.name() + " is not partitioned");
            }
            return none();
        }
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (ColumnDef key : table.partitionKeys()) {
            String v = given.get(key.name());
            if (v == null) {
                throw new OdpsError(400, "InvalidPartitionSpec",
                        "Partition spec must name every partition key of " + table.name() + ": missing " + key.name());
            }
            keys.add(key.name());
            values.add(v);
        }
        if (given.size() != keys.size()) {
            throw new OdpsError(400, "InvalidPartitionSpec", "Unknown partition key in " + given + " for " + table.name());
        }
        return new PartitionValues(keys, values);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** {@code pt=a/region=b}, the form SHOW PARTITIONS prints. */
    public String display() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(keys.get(i)).append('=').append(values.get(i));
        }
        return b.toString();
    }
}
