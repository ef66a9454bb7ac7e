package io.sinkline.tablestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.Row;
import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;
import io.sinkline.tablestore.TablestoreSinkConnector;
import io.sinkline.testing.KafkaConnectHarness;
import io.sinkline.testing.ProducedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Data tables end to end: real broker and Connect worker, the Tablestore emulator, rows read through the SDK. */
class DataTablesEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TablestoreEmulator ots;
    private static KafkaConnectHarness kafka;
    private static Tables tables;

    @BeforeAll
    static void start() {
        ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().port(0).strict(true).build());
        kafka = KafkaConnectHarness.builder().workers(1).start();
        tables = new Tables(ots);
    }

    @AfterAll
    static void stop() {
        if (tables != null) {
            tables.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (ots != null) {
            ots.close();
        }
    }

    private static void deploy(String name, Map<String, String> config, int tasks) {
        kafka.deployConnector(name, config);
        kafka.awaitConnectorRunning(name, tasks, WAIT);
    }

    @Test
    void kafkaPrimaryKeysWithAutoCreateKeepColumnTypes() {
        kafka.createTopic("orders", 6);
        for (int i = 0; i < 60; i++) {
            kafka.producer().send(ProducedRecord.to("orders").partition(i % 6).key("k" + i)
                    .value("{\"id\":" + i + ",\"name\":\"n" + i + "\",\"price\":" + (i + 0.5) + ",\"paid\":true,"
                            + "\"items\":[1,2],\"missing\":null}"));
        }
        kafka.producer().flush();
        Map<String, String> config = tables.connectorConfig("orders");
        config.put("tasks.max", "2");
        config.put("table.name.format", "kafka_<topic>");
        deploy("kafka-pk", config, 2);

        List<Row> rows = tables.awaitRows("kafka_orders", 60, WAIT);
        assertThat(rows).hasSize(60);
        Set<String> keys = rows.stream().map(r -> Tables.pk(r, "topic_partition") + "/" + Tables.pk(r, "offset"))
                .collect(Collectors.toSet());
        assertThat(keys).hasSize(60).contains("orders_0/0", "orders_5/9");
        Map<String, Object> columns = Tables.columns(rows.get(0));
        assertThat(columns.get("id")).isInstanceOf(Long.class);
        assertThat(columns.get("price")).isInstanceOf(Double.class);
        assertThat(columns.get("paid")).isEqualTo(true);
        assertThat(columns.get("items")).isEqualTo("[1,2]");
        assertThat(columns).doesNotContainKey("missing");
        kafka.deleteConnector("kafka-pk");
    }

    @Test
    void recordKeyModeDeletesOnTombstonesAndUpdatesMergeColumns() {
        kafka.createTopic("users", 1);
        Map<String, String> config = tables.connectorConfig("users");
        config.put("primarykey.mode", "record_key");
        config.put("tablestore.users.primarykey.name", "uid");
        config.put("tablestore.users.primarykey.type", "string");
        config.put("insert.mode", "update");
        config.put("delete.mode", "row_and_column");
        deploy("record-key", config, 1);

        kafka.producer().send("users", "u1", "{\"name\":\"Ann\",\"city\":\"Oslo\"}");
        kafka.producer().send("users", "u2", "{\"name\":\"Bob\"}");
        kafka.producer().send("users", "u3", "{\"name\":\"Cy\"}");
        kafka.producer().send("users", "u1", "{\"age\":30,\"city\":null}");   // merge; null deletes city
        kafka.producer().send("users", "u2", null);                          // tombstone deletes the row
        kafka.producer().send("users", "u3", "{\"name\":\"Cyd\"}");
        kafka.producer().flush();

        List<Row> rows = tables.awaitRows("users", "u2 deleted, u1 merged, u3 replaced", r -> {
            Map<Object, Map<String, Object>> byKey = Tables.byKey(r, "uid");
            return byKey.keySet().equals(Set.of("u1", "u3"))
                    && Long.valueOf(30).equals(byKey.get("u1").get("age"))
                    && "Cyd".equals(byKey.get("u3").get("name"));
        }, WAIT);
        Map<Object, Map<String, Object>> byKey = Tables.byKey(rows, "uid");
        assertThat(byKey.get("u1")).containsEntry("name", "Ann").doesNotContainKey("city");
        kafka.deleteConnector("record-key");
    }
}
