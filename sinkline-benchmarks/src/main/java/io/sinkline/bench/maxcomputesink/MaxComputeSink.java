package io.sinkline.bench.maxcomputesink;

import com.aliyun.odps.Odps;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.tunnel.TableTunnel;
import io.sinkline.bench.sink.SampleTopic;
import io.sinkline.bench.sink.SinkUnderTest;
import io.sinkline.emulator.maxcompute.MaxComputeEmulator;
import io.sinkline.maxcompute.MaxComputeSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The MaxCompute sink connector (batch Tunnel, format FLATTEN) and its raw SDK ceiling against one emulator. */
final class MaxComputeSink implements SinkUnderTest {

    private final MaxComputeEmulator mc;
    private final TunnelSettings settings;
    private final int ceilingThreads;
    private final Odps odps;
    private final TableTunnel tunnel;
    private final MaxComputeTables tables;

    MaxComputeSink(MaxComputeEmulator mc, TunnelSettings settings, int tasks) {
        this.mc = mc;
        this.settings = settings;
        this.ceilingThreads = settings.poolSize() * tasks;
        this.odps = new Odps(new AliyunAccount(mc.accessKeyId(), mc.accessKeySecret()));
        odps.setEndpoint(mc.endpoint());
        odps.setDefaultProject(mc.project());
        this.tunnel = new TableTunnel(odps);
        tunnel.setEndpoint(mc.tunnelEndpoint());
        this.tables = new MaxComputeTables(odps);
    }

    private static String ceilingTable(SampleTopic topic) {
        return "ceiling_" + topic.name();
    }

    private static String warmUpTable(SampleTopic topic) {
        return "warmup_" + topic.name();
    }

    private static String connectorTable(SampleTopic topic) {
        return "sink_" + topic.name();
    }

    @Override
    public String service() {
        return "MaxCompute";
    }

    @Override
    public String ceilingDescription() {
        return "one batch Tunnel upload session, blocks uploaded by " + ceilingThreads + " threads (pool x tasks), " + settings;
    }

    @Override
    public void createTables(SampleTopic topic) {
        tables.create(warmUpTable(topic));
        tables.create(ceilingTable(topic));
        tables.create(connectorTable(topic));
    }

    @Override
    public void warmUp(SampleTopic topic, int records) throws Exception {
        new TunnelCeiling(odps, tunnel, settings).write(warmUpTable(topic), "warmup", topic, records, ceilingThreads);
    }

    @Override
    public void writeCeiling(SampleTopic topic, int records) throws Exception {
        new TunnelCeiling(odps, tunnel, settings).write(ceilingTable(topic), "ceiling", topic, records, ceilingThreads);
    }

    @Override
    public long ceilingRows(SampleTopic topic) {
        return tables.rows(ceilingTable(topic));
    }

    @Override
    public Map<String, String> connectorConfig(SampleTopic topic, int tasks) {
        Map<String, String> config = new HashMap<>(settings.connectorKeys());
        config.put("connector.class", MaxComputeSinkConnector.class.getName());
        config.put("tasks.max", String.valueOf(tasks));
        config.put("topics", topic.name());
        config.put("endpoint", mc.endpoint());
        config.put("tunnel_endpoint", mc.tunnelEndpoint());
        config.put("project", mc.project());
        config.put("table", connectorTable(topic));
        config.put("account_type", "ALIYUN");
        config.put("access_id", mc.accessKeyId());
        config.put("access_key", mc.accessKeySecret());
        config.put("format", "FLATTEN");
        config.put("mode", "VALUE");
        config.put("partition_window_type", "DAY");
        config.put("use_streaming", "false");
        return config;
    }

    @Override
    public long connectorRows(SampleTopic topic, int records) {
        return tables.distinctRecords(connectorTable(topic));
    }

    @Override
    public List<String> notesAfterRun(SampleTopic topic, int records) {
        long rows = tables.rows(connectorTable(topic));
        // At least once: a rebalance while tasks start can hand a partition over with rows uploaded but not committed.
        return List.of("connector table: " + rows + " rows for " + records + " records, " + (rows - records)
                + " duplicate(s)");
    }
}
