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
    private final int writers;
    private final String valueConverter;
    private final SyncClient syncClient;
    private final AsyncClient asyncClient;
    private final TablestoreTables tables;

    /**
     * {@code writers}: TableStoreWriters on the raw SDK path, one per connector task;
     * {@code valueConverter}: the connector's {@code value.converter} class.
     */
    TablestoreSink(TablestoreEmulator ots, WriterSettings settings, int writers, String valueConverter) {
        this.ots = ots;
        this.settings = settings;
        this.writers = writers;
        this.valueConverter = valueConverter;
        this.syncClient = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
        this.asyncClient = new AsyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
        this.tables = new TablestoreTables(syncClient);
    }

    @Override
    public String service() {
        return "Tablestore";
    }

    @Override
    public String ceilingDescription() {
        return writers + " DefaultTableStoreWriter(s) (one per task), " + settings;
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
        new WriterCeiling(asyncClient, settings).write(table, topic, records, writers);
    }

    @Override
    public Map<String, String> connectorConfig(String table, SampleTopic topic, int tasks) {
        Map<String, String> config = new HashMap<>(settings.connectorKeys());
        config.put("connector.class", TablestoreSinkConnector.class.getName());
        config.put("tasks.max", String.valueOf(tasks));
        config.put("value.converter", valueConverter);
        config.put("topics", topic.name());
        config.put("tablestore.endpoint", ots.endpoint());
        config.put("tablestore.instance.name", ots.instanceName());
        config.put("tablestore.access.key.id", ots.accessKeyId());
        config.put("tablestore.access.key.secret", ots.accessKeySecret());
        config.put("topics.assign.tables", topic.name() + ":" + table);
        config.put("primarykey.mode", "kafka");
        config.put("insert.mode", "put");
        config.put("auto.create", "false");
        return config;
    }

    @Override
    public long visibleRecords(String table, SampleTopic topic, int records) {
        long visible = 0;
        for (int p = 0; p < topic.partitions(); p++) {
            visible += Math.min(tables.firstMissingOffset(table, topic, p, 0), topic.recordsIn(p, records));
        }
        return visible;
    }

    @Override
    public void close() {
        asyncClient.shutdown();
        syncClient.shutdown();
    }
}
