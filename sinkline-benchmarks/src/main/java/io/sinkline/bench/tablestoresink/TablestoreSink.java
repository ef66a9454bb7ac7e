package io.sinkline.bench.tablestoresink;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.SyncClient;
import io.sinkline.bench.sink.SampleTopic;
import io.sinkline.bench.sink.SinkUnderTest;
import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.tablestore.TablestoreSinkConnector;
import java.util.HashMap;
import java.util.Map;

/** The Tablestore sink connector and its raw SDK ceiling against one emulator. */
final class TablestoreSink implements SinkUnderTest, AutoCloseable {

    private final TablestoreEmulator ots;
    private final WriterSettings settings;
    private final int ceilingWriters;
    private final SyncClient syncClient;
    private final AsyncClient asyncClient;
    private final TablestoreTables tables;
    private VisibleRowCounter connectorCounter;

    TablestoreSink(TablestoreEmulator ots, WriterSettings settings, int ceilingWriters) {
        this.ots = ots;
        this.settings = settings;
        this.ceilingWriters = ceilingWriters;
        this.syncClient = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
        this.asyncClient = new AsyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
        this.tables = new TablestoreTables(syncClient);
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
        return "Tablestore";
    }

    @Override
    public String ceilingDescription() {
        return ceilingWriters + " DefaultTableStoreWriter(s) (one per task), " + settings;
    }

    @Override
    public void createTables(SampleTopic topic) {
        tables.create(warmUpTable(topic));
        tables.create(ceilingTable(topic));
        tables.create(connectorTable(topic));
        connectorCounter = new VisibleRowCounter(tables, connectorTable(topic), topic);
    }

    @Override
    public void warmUp(SampleTopic topic, int records) throws Exception {
        new WriterCeiling(asyncClient, settings).write(warmUpTable(topic), topic, records, ceilingWriters);
    }

    @Override
    public void writeCeiling(SampleTopic topic, int records) throws Exception {
        new WriterCeiling(asyncClient, settings).write(ceilingTable(topic), topic, records, ceilingWriters);
    }

    @Override
    public long ceilingRows(SampleTopic topic) {
        return new VisibleRowCounter(tables, ceilingTable(topic), topic).count(Long.MAX_VALUE);
    }

    @Override
    public Map<String, String> connectorConfig(SampleTopic topic, int tasks) {
        Map<String, String> config = new HashMap<>(settings.connectorKeys());
        config.put("connector.class", TablestoreSinkConnector.class.getName());
        config.put("tasks.max", String.valueOf(tasks));
        config.put("topics", topic.name());
        config.put("tablestore.endpoint", ots.endpoint());
        config.put("tablestore.instance.name", ots.instanceName());
        config.put("tablestore.access.key.id", ots.accessKeyId());
        config.put("tablestore.access.key.secret", ots.accessKeySecret());
        config.put("table.name.format", "sink_<topic>");
        config.put("primarykey.mode", "kafka");
        config.put("insert.mode", "put");
        config.put("auto.create", "false");
        return config;
    }

    @Override
    public long connectorRows(SampleTopic topic, int records) {
        return connectorCounter.count(records);
    }

    @Override
    public void close() {
        asyncClient.shutdown();
        syncClient.shutdown();
    }
}
