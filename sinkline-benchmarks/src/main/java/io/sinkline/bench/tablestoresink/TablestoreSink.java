package io.sinkline.bench.tablestoresink;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.SyncClient;
import io.sinkline.bench.sink.EmulatorAddress;
import io.sinkline.bench.sink.SampleTopic;
import io.sinkline.bench.sink.SinkUnderTest;
import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.tablestore.TablestoreSinkConnector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Tablestore sink connector and its raw SDK ceiling against one emulator. */
final class TablestoreSink implements SinkUnderTest {

    private final String endpoint;
    private final String instance;
    private final String accessKeyId;
    private final String accessKeySecret;
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
    TablestoreSink(EmulatorAddress ots, WriterSettings settings, int writers, String valueConverter) {
        this.endpoint = ots.get("endpoint");
        this.instance = ots.get("instance");
        this.accessKeyId = ots.get("accessKeyId");
        this.accessKeySecret = ots.get("accessKeySecret");
        this.settings = settings;
        this.writers = writers;
        this.valueConverter = valueConverter;
        this.syncClient = new SyncClient(endpoint, accessKeyId, accessKeySecret, instance);
        this.asyncClient = new AsyncClient(endpoint, accessKeyId, accessKeySecret, instance);
        this.tables = new TablestoreTables(syncClient);
    }

    /** How clients reach {@code ots}. */
    static EmulatorAddress addressOf(TablestoreEmulator ots) {
        return new EmulatorAddress(Map.of("endpoint", ots.endpoint(), "instance", ots.instanceName(),
                "accessKeyId", ots.accessKeyId(), "accessKeySecret", ots.accessKeySecret()));
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
        if (!settings.clientPerWriter()) {
            new WriterCeiling(w -> asyncClient, settings).write(table, topic, records, writers);
            return;
        }
        // As the connector: each task has a client of its own (its I/O reactor and callback threads).
        List<AsyncClient> clients = new ArrayList<>();
        try {
            new WriterCeiling(w -> {
                AsyncClient client = new AsyncClient(endpoint, accessKeyId, accessKeySecret, instance);
                synchronized (clients) {
                    clients.add(client);
                }
                return client;
            }, settings).write(table, topic, records, writers);
        } finally {
            clients.forEach(AsyncClient::shutdown);
        }
    }

    @Override
    public Map<String, String> connectorConfig(String table, SampleTopic topic, int tasks) {
        Map<String, String> config = new HashMap<>(settings.connectorKeys());
        config.put("connector.class", TablestoreSinkConnector.class.getName());
        config.put("tasks.max", String.valueOf(tasks));
        config.put("value.converter", valueConverter);
        config.put("topics", topic.name());
        config.put("tablestore.endpoint", endpoint);
        config.put("tablestore.instance.name", instance);
        config.put("tablestore.access.key.id", accessKeyId);
        config.put("tablestore.access.key.secret", accessKeySecret);
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
