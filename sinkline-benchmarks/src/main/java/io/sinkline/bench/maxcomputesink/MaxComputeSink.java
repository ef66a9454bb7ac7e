package io.sinkline.bench.maxcomputesink;

import com.aliyun.odps.Odps;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.tunnel.TableTunnel;
import io.sinkline.bench.sink.EmulatorAddress;
import io.sinkline.bench.sink.SampleTopic;
import io.sinkline.bench.sink.SinkUnderTest;
import io.sinkline.emulator.maxcompute.MaxComputeEmulator;
import io.sinkline.maxcompute.MaxComputeSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The MaxCompute sink connector (batch Tunnel, format FLATTEN) and its raw SDK ceiling against one emulator. */
final class MaxComputeSink implements SinkUnderTest {

    /** The partition the raw SDK path writes; the connector's come from the record time (DAY windows). */
    private static final String DIRECT_PARTITION = "direct";

    private final EmulatorAddress mc;
    private final TunnelSettings settings;
    private final int uploadThreads;
    private final Odps odps;
    private final TableTunnel tunnel;
    private final MaxComputeTables tables;
    private final String valueConverter;

    /** {@code valueConverter}: the connector's {@code value.converter} class. */
    MaxComputeSink(EmulatorAddress mc, TunnelSettings settings, int tasks, String valueConverter) {
        this.mc = mc;
        this.valueConverter = valueConverter;
        this.settings = settings;
        this.uploadThreads = settings.poolSize() * tasks;
        this.odps = new Odps(new AliyunAccount(mc.get("accessKeyId"), mc.get("accessKeySecret")));
        odps.setEndpoint(mc.get("endpoint"));
        odps.setDefaultProject(mc.get("project"));
        this.tunnel = new TableTunnel(odps);
        tunnel.setEndpoint(mc.get("tunnelEndpoint"));
        this.tables = new MaxComputeTables(odps);
    }

    /** How clients reach {@code emulator}. */
    static EmulatorAddress addressOf(MaxComputeEmulator emulator) {
        return new EmulatorAddress(Map.of("endpoint", emulator.endpoint(), "tunnelEndpoint", emulator.tunnelEndpoint(),
                "project", emulator.project(), "accessKeyId", emulator.accessKeyId(),
                "accessKeySecret", emulator.accessKeySecret()));
    }

    @Override
    public String service() {
        return "MaxCompute";
    }

    @Override
    public String ceilingDescription() {
        return "one batch Tunnel upload session, blocks uploaded by " + uploadThreads + " threads (pool x tasks), " + settings;
    }

    @Override
    public void dropTable(String table) {
        tables.drop(table);
    }

    @Override
    public void createTable(String table) {
        tables.create(table);
    }

    @Override
    public void writeDirect(String table, SampleTopic topic, int records) throws Exception {
        new TunnelCeiling(odps, tunnel, settings).write(table, DIRECT_PARTITION, topic, records, uploadThreads);
    }

    @Override
    public Map<String, String> connectorConfig(String table, SampleTopic topic, int tasks) {
        Map<String, String> config = new HashMap<>(settings.connectorKeys());
        config.put("connector.class", MaxComputeSinkConnector.class.getName());
        config.put("tasks.max", String.valueOf(tasks));
        config.put("value.converter", valueConverter);
        config.put("topics", topic.name());
        config.put("endpoint", mc.get("endpoint"));
        config.put("tunnel_endpoint", mc.get("tunnelEndpoint"));
        config.put("project", mc.get("project"));
        config.put("table", table);
        config.put("account_type", "ALIYUN");
        config.put("access_id", mc.get("accessKeyId"));
        config.put("access_key", mc.get("accessKeySecret"));
        config.put("format", "FLATTEN");
        config.put("mode", "VALUE");
        config.put("partition_window_type", "DAY");
        config.put("use_streaming", "false");
        return config;
    }

    /** Distinct (partition, offset) pairs, so a duplicate row never counts as a missing record. */
    @Override
    public long visibleRecords(String table, SampleTopic topic, int records) {
        return tables.distinctRecords(table);
    }

    @Override
    public List<String> notesAfterRun(String table, SampleTopic topic, int records) {
        long rows = tables.rows(table);
        // At least once: a rebalance while tasks start can hand a partition over with rows uploaded but not committed.
        return List.of("connector table: " + rows + " rows for " + records + " records, " + (rows - records)
                + " duplicate(s)");
    }
}
