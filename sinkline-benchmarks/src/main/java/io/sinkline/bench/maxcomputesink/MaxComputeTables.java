package io.sinkline.bench.maxcomputesink;

import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.task.SQLTask;
import io.sinkline.bench.sink.SampleRecords;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The benchmark's MaxCompute tables, made and counted with SQL through the SDK: the connector's
 * fixed columns (topic, partition, offset), one column per sample field (format FLATTEN), and
 * the {@code pt} partition column.
 */
final class MaxComputeTables {

    private final Odps odps;

    MaxComputeTables(Odps odps) {
        this.odps = odps;
    }

    void create(String table) {
        String fields = SampleRecords.FIELDS.stream()
                .map(field -> "`" + field.name() + "` " + switch (field.kind()) {
                    case LONG -> "BIGINT";
                    case DOUBLE -> "DOUBLE";
                    case BOOLEAN -> "BOOLEAN";
                    case STRING -> "STRING";
                })
                .collect(Collectors.joining(", "));
        sql("CREATE TABLE " + table + " (topic STRING, `partition` BIGINT, `offset` BIGINT, " + fields
                + ") PARTITIONED BY (pt STRING);");
    }

    void drop(String table) {
        sql("DROP TABLE IF EXISTS " + table + ";");
    }

    /** Distinct (partition, offset) pairs: the records present, duplicates counted once. */
    long distinctRecords(String table) {
        return single("SELECT COUNT(*) FROM (SELECT DISTINCT `partition`, `offset` FROM " + table + ") d;");
    }

    long rows(String table) {
        return single("SELECT COUNT(*) FROM " + table + ";");
    }

    private long single(String query) {
        return Long.parseLong(sql(query).get(0).getString(0));
    }

    private List<Record> sql(String script) {
        try {
            Instance instance = SQLTask.run(odps, script);
            instance.waitForSuccess(20); // the SDK's default polls once a second, too coarse for a clock
            return SQLTask.getResult(instance);
        } catch (OdpsException e) {
            throw new IllegalStateException("SQL failed: " + script + ": " + e.getMessage(), e);
        }
    }
}
