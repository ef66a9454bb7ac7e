package io.sinkline.maxcompute.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.task.SQLTask;

import io.sinkline.emulator.maxcompute.MaxComputeEmulator;
import io.sinkline.emulator.maxcompute.MaxComputeEmulatorOptions;
import io.sinkline.maxcompute.MaxComputeSinkConnector;
import io.sinkline.testing.Await;

/** The MaxCompute emulator plus what tests do with it through the SDK: DDL, queries, connector configs. */
final class MaxComputeFixture implements AutoCloseable {

    final MaxComputeEmulator mc;
    final Odps odps;

    MaxComputeFixture() {
        this(UnaryOperator.identity());
    }

    /** With the emulator's options adjusted (e.g. strict signatures, an STS endpoint). */
    MaxComputeFixture(UnaryOperator<MaxComputeEmulatorOptions.Builder> options) {
        mc = MaxComputeEmulator.start(options.apply(MaxComputeEmulatorOptions.builder().port(0).project("sinkline")).build());
        odps = new Odps(new AliyunAccount(mc.accessKeyId(), mc.accessKeySecret()));
        odps.setEndpoint(mc.endpoint());
        odps.setDefaultProject(mc.project());
    }

    /** Runs SQL through the SDK, as odpscmd would; the rows of the last statement, every value as text. */
    List<Record> sql(String script) {
        try {
            Instance instance = SQLTask.run(odps, script);
            instance.waitForSuccess();
            return SQLTask.getResult(instance);
        } catch (OdpsException e) {
            throw new IllegalStateException("SQL failed: " + script + ": " + e.getMessage(), e);
        }
    }

    /**
     * The rows of a query as lists of text values, NULL as null (the SQL result arrives as CSV,
     * where NULL is spelled \N; tests that care check NULLs with IS NULL as well).
     */
    List<List<String>> rows(String query) {
        List<List<String>> rows = new ArrayList<>();
        for (Record record : sql(query)) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < record.getColumnCount(); i++) {
                Object value = record.get(i);
                String text = value == null ? null : record.getString(i);
                row.add("\\N".equals(text) ? null : text);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Distinct (partition, offset) pairs of the table's rows matching {@code where}: the records present, however often. */
    long distinctRecords(String table, String where) {
        return Long.parseLong(rows("SELECT COUNT(*) FROM (SELECT DISTINCT `partition`, `offset` FROM " + table + where
                + ") d;").get(0).get(0));
    }

    long count(String table) {
        return Long.parseLong(sql("SELECT COUNT(*) FROM " + table + ";").get(0).getString(0));
    }

    /** Waits until the table holds at least {@code expected} rows; returns the count seen. */
    long awaitCount(String table, long expected, Duration timeout) {
        return awaitCount(table, expected, timeout, () -> "");
    }

    /** As above; {@code context} (e.g. the connector's status) goes into the timeout message. */
    long awaitCount(String table, long expected, Duration timeout, Supplier<String> context) {
        long[] last = {-1};
        Await.until(table + " holds " + expected + " rows", timeout, () -> {
            last[0] = count(table);
            return last[0] >= expected ? Boolean.TRUE : null;
        }, () -> "count " + last[0] + "; " + context.get());
        return last[0];
    }

    /** Seed 003's example configuration, pointed at the emulator. */
    Map<String, String> connectorConfig(String topic, String table) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", MaxComputeSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("endpoint", mc.endpoint());
        config.put("tunnel_endpoint", mc.tunnelEndpoint());
        config.put("project", mc.project());
        config.put("schema", "default");
        config.put("table", table);
        config.put("account_type", "ALIYUN");
        config.put("access_id", mc.accessKeyId());
        config.put("access_key", mc.accessKeySecret());
        config.put("partition_window_type", "MINUTE");
        config.put("mode", "VALUE");
        config.put("format", "TEXT");
        config.put("sink_pool_size", "2");
        config.put("record_batch_size", "9000");
        config.put("buffer_size_kb", "600000");
        config.put("flush_interval_ms", "300");
        config.put("write_retry_backoff_ms", "100");
        return config;
    }

    @Override
    public void close() {
        mc.close();
    }
}
