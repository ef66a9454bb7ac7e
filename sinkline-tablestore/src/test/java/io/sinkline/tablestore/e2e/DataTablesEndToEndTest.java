package io.sinkline.tablestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.Row;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;
import io.sinkline.tablestore.TablestoreSinkConnector;
import io.sinkline.testing.KafkaConnectHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.Test;

/** Data tables end to end: real broker and Connect worker, the Tablestore emulator, rows read through the SDK. */
class DataTablesEndToEndTest extends EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    protected SinkStack startStack() {
        return SinkStack.start(TablestoreEmulatorOptions.builder().strict(true), KafkaConnectHarness.builder().workers(1)
                .workerProperty("config.providers", "file")
                .workerProperty("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));
    }

    private void deploy(String name, Map<String, String> config, int tasks) {
        kafka.deployConnector(name, config);
        kafka.awaitConnectorRunning(name, tasks, WAIT);
    }

    @Test
    void kafkaPrimaryKeysWithAutoCreateKeepColumnTypes() {
        kafka.createTopic("orders", 6);
        for (int i = 0; i < 60; i++) {
            producing.send("orders", i % 6, "k" + i, "{\"id\":" + i + ",\"name\":\"n" + i + "\",\"price\":" + (i + 0.5) + ",\"paid\":true,"
                            + "\"items\":[1,2],\"missing\":null}");
        }
        producing.flush();
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

        producing.send("users", null, "u1", "{\"name\":\"Ann\",\"city\":\"Oslo\"}");
        producing.send("users", null, "u2", "{\"name\":\"Bob\"}");
        producing.send("users", null, "u3", "{\"name\":\"Cy\"}");
        producing.send("users", null, "u1", "{\"age\":30,\"city\":null}");   // merge; null deletes city
        producing.send("users", null, "u2", null);                          // tombstone deletes the row
        producing.send("users", null, "u3", "{\"name\":\"Cyd\"}");
        producing.flush();

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

    @Test
    void recordValueModeWritesTheWhitelistWithItsTypes() throws java.io.IOException {
        kafka.createTopic("products", 2);
        Map<String, String> config = tables.connectorConfig("products");
        // The secret comes through the worker's FileConfigProvider; the strict emulator checks signatures.
        java.nio.file.Path secrets = java.nio.file.Files.createTempFile("sinkline-secrets", ".properties");
        secrets.toFile().deleteOnExit();
        java.nio.file.Files.writeString(secrets, "secret=" + ots.accessKeySecret() + "\n");
        config.put("tablestore.access.key.secret", "${file:" + secrets + ":secret}");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("primarykey.mode", "record_value");
        config.put("tablestore.products.primarykey.name", "sku,id");
        config.put("tablestore.products.primarykey.type", "string,integer");
        config.put("tablestore.products.columns.whitelist.name", "title,price,stock");
        config.put("tablestore.products.columns.whitelist.type", "string,double,integer");
        deploy("record-value", config, 1);
        for (int i = 0; i < 10; i++) {
            producing.send("products", null, (String) null, "{\"sku\":\"s" + (i % 2) + "\",\"id\":" + i
                    + ",\"title\":\"T" + i + "\",\"price\":" + i + ",\"stock\":\"" + (i * 10) + "\",\"ignored\":1}");
        }
        producing.flush();

        List<Row> rows = tables.awaitRows("products", 10, WAIT);
        Row row = rows.stream().filter(r -> Long.valueOf(3).equals(Tables.pk(r, "id"))).findFirst().orElseThrow();
        assertThat(Tables.pk(row, "sku")).isEqualTo("s1");
        assertThat(Tables.columns(row)).containsOnly(Map.entry("title", "T3"), Map.entry("price", 3.0), Map.entry("stock", 30L));
        kafka.deleteConnector("record-value");
    }

    @Test
    void jsonPathRulesReadTheSeedZeroEnvelopeInEveryDataFormat() {
        kafka.createTopic("demo-topic", 1);
        Map<String, String> formats = new LinkedHashMap<>();
        formats.put("json", "env_json");
        formats.put("text", "env_text");
        formats.put("binary", "env_binary");
        formats.forEach((format, table) -> {
            Map<String, String> config = tables.connectorConfig("demo-topic");
            config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
            config.put("topics.assign.tables", "demo-topic:" + table);
            config.put("primarykey.mode", "jsonpath");
            config.put("payload.format", format);
            config.put("tablestore." + table + ".primarykey.name", "topic,partition,offset");
            config.put("tablestore." + table + ".primarykey.type", "string,integer,integer");
            config.put("tablestore." + table + ".primarykey.jsonpath", "$.data.topic,$.data.partition,$.data.offset");
            config.put("tablestore." + table + ".columns.whitelist.name", "key,value,type");
            config.put("tablestore." + table + ".columns.whitelist.type", "string,string,string");
            config.put("tablestore." + table + ".columns.jsonpath", "$.data.key,$.data.value,$.type");
            deploy("envelope-" + format, config, 1);
        });
        producing.send("demo-topic", null, "ots-sink-k1", "ots-sink-v1");
        producing.send("demo-topic", null, "ots-sink-k2", "{\"a\": 1}");
        producing.flush();

        Map<String, List<Row>> byFormat = new LinkedHashMap<>();
        formats.forEach((format, table) -> byFormat.put(format, tables.awaitRows(table, 2, WAIT)));
        Row json = byFormat.get("json").get(1);
        assertThat(Tables.pk(json, "topic")).isEqualTo("demo-topic");
        assertThat(Tables.pk(json, "offset")).isEqualTo(1L);
        assertThat(Tables.columns(json)).containsEntry("key", "ots-sink-k2").containsEntry("value", "{\"a\":1}")
                .containsEntry("type", "alikafka:Topic:Message");
        assertThat(Tables.columns(byFormat.get("json").get(0))).containsEntry("value", "ots-sink-v1");
        assertThat(Tables.columns(byFormat.get("text").get(1))).containsEntry("value", "{\"a\": 1}");
        assertThat(Tables.columns(byFormat.get("binary").get(0))).containsEntry("value",
                Base64.getEncoder().encodeToString("ots-sink-v1".getBytes(StandardCharsets.UTF_8)));
        formats.keySet().forEach(format -> kafka.deleteConnector("envelope-" + format));
    }

    @Test
    void deleteOperationRemovesRowsByKey() {
        tables.create("doomed", Map.of("id", PrimaryKeyType.STRING));
        kafka.createTopic("removals", 1);
        Map<String, String> put = tables.connectorConfig("removals");
        put.put("topics.assign.tables", "removals:doomed");
        put.put("primarykey.mode", "record_key");
        put.put("tablestore.doomed.primarykey.name", "id");
        put.put("tablestore.doomed.primarykey.type", "string");
        for (int i = 0; i < 5; i++) {
            producing.send("removals", null, "r" + i, "{\"v\":" + i + "}");
        }
        producing.flush();
        deploy("removals-put", put, 1);
        tables.awaitRows("doomed", 5, WAIT);
        kafka.deleteConnector("removals-put");

        kafka.createTopic("removals-2", 1);
        Map<String, String> delete = new java.util.HashMap<>(put);
        delete.put("topics", "removals-2");
        delete.put("topics.assign.tables", "removals-2:doomed");
        delete.put("insert.mode", "delete");
        deploy("removals-delete", delete, 1);
        producing.send("removals-2", null, "r1", "{\"anything\":true}");
        producing.send("removals-2", null, "r3", "{}");
        producing.flush();
        List<Row> rows = tables.awaitExactly("doomed", 3, WAIT);
        assertThat(rows).extracting(r -> Tables.pk(r, "id")).containsExactly("r0", "r2", "r4");
        kafka.deleteConnector("removals-delete");
    }

    @Test
    void eventPatternsFilterInTheSinkAndAsAConnectPredicate() {
        kafka.createTopic("events", 1);
        String pattern = "{\"data\":{\"value\":{"
                + "\"status\":[\"paid\", {\"prefix\":\"ship\"}],"
                + "\"sku\":[{\"suffix\":\"-x\"}],"
                + "\"note\":[{\"contains\":\"ok\"}, \"\"],"
                + "\"region\":[{\"anything-but\":[\"cn\"]}],"
                + "\"kind\":[{\"anything-but\":{\"prefix\":\"test\"}}],"
                + "\"amount\":[{\"numeric\":[\">\",0,\"<=\",100]}],"
                + "\"ip\":[{\"cidr\":\"10.0.0.0/24\"}],"
                + "\"coupon\":[{\"exists\":false}],"
                + "\"city\":[{\"wildcard\":\"O*o\"}],"
                + "\"tier\":[{\"equals-ignore-case\":\"GOLD\"}],"
                + "\"ref\":[null]}}}";
        String good = "{\"id\":\"%s\",\"status\":\"%s\",\"sku\":\"%s\",\"note\":\"%s\",\"region\":\"%s\","
                + "\"kind\":\"%s\",\"amount\":%s,\"ip\":\"%s\",\"city\":\"Oslo\",\"tier\":\"gold\",\"ref\":null%s}";
        Map<String, String> records = new LinkedHashMap<>();
        records.put("keep1", String.format(good, "keep1", "paid", "a-x", "all ok", "eu", "real", "5", "10.0.0.7", ""));
        records.put("keep2", String.format(good, "keep2", "shipped", "b-x", "", "us", "prod", "100", "10.0.0.200", ""));
        records.put("exact", String.format(good, "exact", "open", "a-x", "ok", "eu", "real", "5", "10.0.0.7", ""));
        records.put("suffix", String.format(good, "suffix", "paid", "a-y", "ok", "eu", "real", "5", "10.0.0.7", ""));
        records.put("contains", String.format(good, "contains", "paid", "a-x", "bad", "eu", "real", "5", "10.0.0.7", ""));
        records.put("butvalue", String.format(good, "butvalue", "paid", "a-x", "ok", "cn", "real", "5", "10.0.0.7", ""));
        records.put("butprefix", String.format(good, "butprefix", "paid", "a-x", "ok", "eu", "test-1", "5", "10.0.0.7", ""));
        records.put("numeric", String.format(good, "numeric", "paid", "a-x", "ok", "eu", "real", "101", "10.0.0.7", ""));
        records.put("cidr", String.format(good, "cidr", "paid", "a-x", "ok", "eu", "real", "5", "10.0.1.7", ""));
        records.put("exists", String.format(good, "exists", "paid", "a-x", "ok", "eu", "real", "5", "10.0.0.7", ",\"coupon\":1"));
        records.put("wildcard", String.format(good, "wildcard", "paid", "a-x", "ok", "eu", "real", "5", "10.0.0.7", "")
                .replace("Oslo", "Bergen"));
        records.put("ignorecase", String.format(good, "ignorecase", "paid", "a-x", "ok", "eu", "real", "5", "10.0.0.7", "")
                .replace("gold", "silver"));
        records.put("null", String.format(good, "null", "paid", "a-x", "ok", "eu", "real", "5", "10.0.0.7", "").replace("\"ref\":null", "\"ref\":2"));
        records.forEach((id, json) -> producing.send("events", null, id, json));
        producing.flush();

        Map<String, String> sinkFilter = tables.connectorConfig("events");
        sinkFilter.put("topics.assign.tables", "events:filtered_by_sink");
        sinkFilter.put("primarykey.mode", "record_key");
        sinkFilter.put("tablestore.filtered_by_sink.primarykey.name", "id");
        sinkFilter.put("tablestore.filtered_by_sink.primarykey.type", "string");
        sinkFilter.put("filter.pattern", pattern);
        deploy("filter-sink", sinkFilter, 1);

        Map<String, String> predicate = tables.connectorConfig("events");
        predicate.put("topics.assign.tables", "events:filtered_by_predicate");
        predicate.put("primarykey.mode", "record_key");
        predicate.put("tablestore.filtered_by_predicate.primarykey.name", "id");
        predicate.put("tablestore.filtered_by_predicate.primarykey.type", "string");
        predicate.put("transforms", "keep");
        predicate.put("transforms.keep.type", "org.apache.kafka.connect.transforms.Filter");
        predicate.put("transforms.keep.predicate", "matches");
        predicate.put("transforms.keep.negate", "true");
        predicate.put("predicates", "matches");
        predicate.put("predicates.matches.type", "io.sinkline.core.filter.EventPatternPredicate");
        predicate.put("predicates.matches.pattern", pattern);
        deploy("filter-predicate", predicate, 1);

        for (String table : List.of("filtered_by_sink", "filtered_by_predicate")) {
            tables.awaitRows(table, 2, WAIT);
        }
        // Both connectors committed the whole topic, so every record was seen; only two matched.
        org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition("events", 0);
        long end = Tables.endOffset(kafka, tp);
        for (String connector : List.of("filter-sink", "filter-predicate")) {
            io.sinkline.testing.Await.until(connector + " committed all " + end + " records", WAIT,
                    () -> {
                        var offsets = kafka.committedOffsets(connector);
                        return offsets.containsKey(tp) && offsets.get(tp).offset() == end;
                    });
        }
        for (String table : List.of("filtered_by_sink", "filtered_by_predicate")) {
            assertThat(tables.rows(table)).extracting(r -> Tables.pk(r, "id")).containsExactly("keep1", "keep2");
        }
        kafka.deleteConnector("filter-sink");
        kafka.deleteConnector("filter-predicate");
    }

    @Test
    void anExistingTableWithAnotherPrimaryKeyFailsTheTaskNamingTheMismatch() {
        tables.create("mismatched", Map.of("id", PrimaryKeyType.STRING));
        kafka.createTopic("mismatch", 1);
        Map<String, String> config = tables.connectorConfig("mismatch");
        config.put("topics.assign.tables", "mismatch:mismatched");
        config.put("primarykey.mode", "record_key");
        config.put("tablestore.mismatched.primarykey.name", "id");
        config.put("tablestore.mismatched.primarykey.type", "integer");
        kafka.deployConnector("mismatch", config);
        producing.send("mismatch", null, "1", "{\"a\":1}");
        producing.flush();
        String trace = kafka.awaitTaskFailed("mismatch", WAIT);
        assertThat(trace).contains("mismatched").contains("does not match").contains("'id' is STRING in the table but integer");
        kafka.deleteConnector("mismatch");
    }

    @Test
    void validateReportsWrongCombinationsOnTheKeyAtFault() {
        Map<String, String> config = tables.connectorConfig("anything");
        config.put("delete.mode", "row");
        config.put("tablestore.anything.primarykey.jsonpath", "$.data.key");
        ConfigInfos infos = kafka.validate(TablestoreSinkConnector.class.getName(), config);
        Map<String, List<String>> errors = infos.values().stream()
                .filter(info -> info.configValue() != null && !info.configValue().errors().isEmpty())
                .collect(Collectors.toMap(info -> info.configValue().name(), info -> info.configValue().errors()));
        assertThat(errors).containsKeys("delete.mode", "tablestore.anything.primarykey.jsonpath");
        assertThat(errors.get("delete.mode").get(0)).contains("primarykey.mode=kafka");
        assertThat(infos.errorCount()).isGreaterThanOrEqualTo(2);
    }
}
