package io.sinkline.maxcompute.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sinkline.testing.ProducedRecord;

/**
 * Seed 003's worked examples, end to end: a real broker and Connect worker, the connector, the
 * MaxCompute emulator; rows checked with SQL through the SDK. Records carry the timestamps of the
 * seed's own output, so the pt values are the seed's.
 */
class SeedExamplesEndToEndTest extends EndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2023-07-13 21:13 in GMT+08:00, the pt of seed 003's TEXT example. */
    private static final long TEXT_TIME = Instant.parse("2023-07-13T13:13:05Z").toEpochMilli();
    /** 2023-07-14 00:10 / 00:28 / 01:33 / 13:16 in GMT+08:00. */
    private static final long CSV_TIME = Instant.parse("2023-07-13T16:10:00Z").toEpochMilli();
    private static final long JSON_TIME = Instant.parse("2023-07-13T16:28:00Z").toEpochMilli();
    private static final long FLATTEN_TIME = Instant.parse("2023-07-13T17:33:00Z").toEpochMilli();
    private static final long ABNORMAL_TIME = Instant.parse("2023-07-14T05:16:00Z").toEpochMilli();


    /**
     * Seed 003's steps: create the table, create the topic and send the messages (key, value, ...)
     * with the seed's timestamp, deploy the connector with the seed's configuration plus
     * {@code settings}, wait for {@code expectedRows} rows.
     */
    private void runExample(String connector, String topic, String table, String ddl, long timestamp,
                                   Map<String, String> settings, int expectedRows, String... keysAndValues) {
        mc.sql(ddl);
        kafka.createTopic(topic, 1);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            kafka.producer().send(ProducedRecord.to(topic).partition(0).timestamp(timestamp)
                    .key(keysAndValues[i]).value(keysAndValues[i + 1]));
        }
        kafka.producer().flush();
        Map<String, String> config = mc.connectorConfig(topic, table);
        config.putAll(settings);
        kafka.deployConnector(connector, config);
        mc.awaitCount(table, expectedRows, TIMEOUT, () -> stack.status(connector));
    }

    /** Deployed with the seed's own {@code connector.class}, the official connector's name (our alias of it). */
    @Test
    void text() {
        runExample("odps-test-text", "topic_text", "table_text", "CREATE TABLE IF NOT EXISTS table_text(topic STRING,"
                + " `partition` BIGINT, `offset` BIGINT, key STRING, value STRING) PARTITIONED BY (pt STRING);",
                TEXT_TIME, Map.of("connector.class", "com.aliyun.odps.kafka.connect.MaxComputeSinkConnector"), 2,
                "123", "abc", "456", "edf");

        assertThat(mc.rows("SELECT * FROM table_text ORDER BY `offset`;")).containsExactly(
                Arrays.asList("topic_text", "0", "0", null, "abc", "07-13-2023 21:13"),
                Arrays.asList("topic_text", "0", "1", null, "edf", "07-13-2023 21:13"));
        assertThat(mc.rows("SELECT COUNT(*) FROM table_text WHERE key IS NULL;")).containsExactly(List.of("2"));
        kafka.deleteConnector("odps-test-text");
    }

    @Test
    void csv() {
        runExample("odps-test-csv", "csv_test", "table_csv", "CREATE TABLE IF NOT EXISTS table_csv(topic STRING,"
                + " `partition` BIGINT, `offset` BIGINT, id BIGINT, name STRING, region STRING) PARTITIONED BY (pt STRING);",
                CSV_TIME, Map.of("format", "CSV"), 2, "123", "1103,zhangsan,china", "456", "1104,lisi,usa");

        assertThat(mc.rows("SELECT * FROM table_csv ORDER BY `offset`;")).containsExactly(
                List.of("csv_test", "0", "0", "1103", "zhangsan", "china", "07-14-2023 00:10"),
                List.of("csv_test", "0", "1", "1104", "lisi", "usa", "07-14-2023 00:10"));
        kafka.deleteConnector("odps-test-csv");
    }

    @Test
    void json() throws Exception {
        runExample("odps-test-json", "Topic_json", "table_json", "CREATE TABLE IF NOT EXISTS table_json(topic STRING,"
                + " `partition` BIGINT, `offset` BIGINT, key STRING, value JSON) PARTITIONED BY (pt STRING);",
                JSON_TIME, Map.of("format", "JSON"), 2,
                "123", "{\"id\":123,\"name\":\"json-1\",\"region\":\"beijing\"}",
                "456", "{\"id\":456,\"name\":\"json-2\",\"region\":\"hangzhou\"}");

        List<List<String>> rows = mc.rows("SELECT * FROM table_json ORDER BY `offset`;");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly("Topic_json", "0", "0", null, rows.get(0).get(4), "07-14-2023 00:28");
        assertThat(JSON.readTree(rows.get(0).get(4))).isEqualTo(JSON.readTree("{\"id\":123,\"name\":\"json-1\",\"region\":\"beijing\"}"));
        assertThat(JSON.readTree(rows.get(1).get(4))).isEqualTo(JSON.readTree("{\"id\":456,\"name\":\"json-2\",\"region\":\"hangzhou\"}"));
        assertThat(rows.get(1).get(3)).isNull();
        assertThat(mc.rows("SELECT COUNT(*) FROM table_json WHERE key IS NULL;")).containsExactly(List.of("2"));
        kafka.deleteConnector("odps-test-json");
    }

    @Test
    void flatten() throws Exception {
        runExample("odps-test-flatten", "topic_flatten", "table_flatten", "CREATE TABLE IF NOT EXISTS table_flatten("
                + "topic STRING, `partition` BIGINT, `offset` BIGINT, id BIGINT, name STRING, extendinfo JSON)"
                + " PARTITIONED BY (pt STRING);",
                FLATTEN_TIME, Map.of("format", "FLATTEN"), 2,
                "123", "{\"id\":123,\"name\":\"json-1\",\"extendinfo\":{\"region\":\"beijing\",\"sex\":\"M\"}}",
                "456", "{\"id\":456,\"name\":\"json-2\",\"extendinfo\":{\"region\":\"hangzhou\",\"sex\":\"W\"}}");

        List<List<String>> rows = mc.rows("SELECT topic, `partition`, `offset`, id, name, extendinfo, pt FROM table_flatten ORDER BY `offset`;");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).subList(0, 5)).containsExactly("topic_flatten", "0", "0", "123", "json-1");
        assertThat(rows.get(1).subList(0, 5)).containsExactly("topic_flatten", "0", "1", "456", "json-2");
        assertThat(JSON.readTree(rows.get(0).get(5))).isEqualTo(JSON.readTree("{\"sex\":\"M\",\"region\":\"beijing\"}"));
        assertThat(JSON.readTree(rows.get(1).get(5))).isEqualTo(JSON.readTree("{\"sex\":\"W\",\"region\":\"hangzhou\"}"));
        assertThat(rows).allSatisfy(row -> assertThat(row.get(6)).isEqualTo("07-14-2023 01:33"));
        kafka.deleteConnector("odps-test-flatten");
    }

    @Test
    void abnormalDataGoesToTheErrorTopicAndTheRestIsWritten() throws Exception {
        kafka.createTopic("runtime_error", 1);
        runExample("odps-test-runtime-error", "flatten_test", "test_flatten", "CREATE TABLE IF NOT EXISTS test_flatten("
                + "topic STRING, `partition` BIGINT, `offset` BIGINT, id BIGINT, name STRING, extendinfo JSON)"
                + " PARTITIONED BY (pt STRING);",
                ABNORMAL_TIME, Map.of("format", "FLATTEN", "runtime.error.topic.name", "runtime_error",
                        "runtime.error.topic.bootstrap.servers", "http://" + kafka.bootstrapServers(), "skip_error", "false"), 2,
                "100", "{\"id\":100,\"name\":\"json-3\",\"extendinfo\":{\"region\":\"beijing\",\"gender\":\"M\"}}",
                "101", "{\"id\":101,\"name\":\"json-4\",\"extendinfos\":\"null\"}",
                "102", "{\"id\":102,\"name\":\"json-5\",\"extendinfo\":{\"region\":\"beijing\",\"gender\":\"M\"}}");

        List<List<String>> rows = mc.rows("SELECT `offset`, id, name, pt FROM test_flatten ORDER BY `offset`;");
        assertThat(rows).containsExactly(List.of("0", "100", "json-3", "07-14-2023 13:16"),
                List.of("2", "102", "json-5", "07-14-2023 13:16"));

        List<ConsumerRecord<byte[], byte[]>> errors = kafka.consume("runtime_error", 1, TIMEOUT);
        assertThat(errors).hasSize(1);
        ConsumerRecord<byte[], byte[]> error = errors.get(0);
        assertThat(new String(error.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":101,\"name\":\"json-4\",\"extendinfos\":\"null\"}");
        assertThat(new String(error.key(), StandardCharsets.UTF_8)).isEqualTo("101");
        Map<String, String> headers = Arrays.stream(error.headers().toArray())
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
        assertThat(headers.get("sinkline.error.reason")).contains("extendinfos");
        assertThat(headers.get("sinkline.error.offset")).isEqualTo("1");
        kafka.deleteConnector("odps-test-runtime-error");
    }
}
