package io.sinkline.tablestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.Row;
import io.sinkline.core.errors.KafkaTopicErrorReporter;
import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;
import io.sinkline.testing.Await;
import io.sinkline.testing.KafkaConnectHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * Bad records and a failing service, end to end: every error destination, tolerance none, and
 * 5% OTSServerBusy plus row errors in batches. written + reported = sent.
 */
class ErrorsEndToEndTest extends EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** Records the mapping must refuse, by the reason it must give. */
    private static final Map<String, String> MALFORMED = new LinkedHashMap<>();

    static {
        MALFORMED.put("bad-json", "{\"id\": 1, \"n\": ");
        MALFORMED.put("missing-key", "{\"n\": 5}");
        MALFORMED.put("wrong-type", "{\"id\": 7, \"n\": \"seven\"}");
        MALFORMED.put("oversized", "{\"id\": 8, \"n\": 1, \"blob\": \"" + "x".repeat(2 * 1024 * 1024 + 10) + "\"}");
    }

    private static final Map<String, String> REASONS = Map.of(
            "bad-json", "not valid JSON",
            "missing-key", "no primary key field 'id'",
            "wrong-type", "column 'n' must be integer",
            "oversized", "column 'blob' is");

    @Override
    protected SinkStack startStack() {
        return SinkStack.start(TablestoreEmulatorOptions.builder(), KafkaConnectHarness.builder().workers(1)
                .brokerProperty("message.max.bytes", "8388608")
                .workerProperty("consumer.max.partition.fetch.bytes", "8388608")
                .workerProperty("producer.max.request.size", "8388608"));
    }

    /** Sends {@code good} valid records (ids 1000+) and the malformed ones, in one partition. */
    private void produce(String topic, int good) {
        kafka.createTopic(topic, 1);
        for (int i = 0; i < good; i++) {
            producing.send(topic, 0, "g" + i, "{\"id\":" + (1000 + i) + ",\"n\":" + i + "}", "origin", "test");
        }
        MALFORMED.forEach((key, value) -> producing.send(topic, 0, key, value, "origin", "test"));
        producing.flush();
    }

    private Map<String, String> config(String topic, String table) {
        Map<String, String> config = tables.connectorConfig(topic);
        config.put("topics.assign.tables", topic + ":" + table);
        config.put("primarykey.mode", "record_value");
        config.put("tablestore." + table + ".primarykey.name", "id");
        config.put("tablestore." + table + ".primarykey.type", "integer");
        config.put("tablestore." + table + ".columns.whitelist.name", "n,blob");
        config.put("tablestore." + table + ".columns.whitelist.type", "integer,string");
        config.put("runtime.error.tolerance", "all");
        return config;
    }

    /** The error table keeps a String key/value (StringConverter) as a string, bytes as binary. */
    private static String text(Object column) {
        return column instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) column;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Waits until the connector committed the partition's end: every record was written or reported. */
    private void awaitCommitted(String connector, TopicPartition tp) {
        long end = Tables.endOffset(kafka, tp);
        Await.until(connector + " committed " + tp + " up to " + end, WAIT, () -> {
            var offsets = kafka.committedOffsets(connector);
            return offsets.containsKey(tp) && offsets.get(tp).offset() == end;
        });
    }

    @Test
    void malformedRecordsGoToTheErrorTopicWithTheirReasonAndOriginalBytes() {
        produce("to-topic", 20);
        kafka.createTopic("sink-errors", 1);
        Map<String, String> config = config("to-topic", "good_rows_topic");
        config.put("runtime.error.mode", "kafka");
        config.put("runtime.error.bootstrap.servers", kafka.bootstrapServers());
        config.put("runtime.error.topic.name", "sink-errors");
        config.put("runtime.error.producer.max.request.size", "8388608");
        kafka.deployConnector("errors-kafka", config);

        List<ConsumerRecord<byte[], byte[]>> reported = kafka.consume("sink-errors", MALFORMED.size(), WAIT);
        assertThat(tables.awaitRows("good_rows_topic", 20, WAIT)).hasSize(20);
        assertThat(reported).hasSize(MALFORMED.size());
        for (ConsumerRecord<byte[], byte[]> record : reported) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(MALFORMED.get(key));
            assertThat(header(record, KafkaTopicErrorReporter.REASON)).contains(REASONS.get(key));
            assertThat(header(record, KafkaTopicErrorReporter.TOPIC)).isEqualTo("to-topic");
            assertThat(header(record, "origin")).isEqualTo("test");
        }
        awaitCommitted("errors-kafka", new TopicPartition("to-topic", 0));
        kafka.deleteConnector("errors-kafka");
    }

    @Test
    void malformedRecordsGoToTheTablestoreErrorTable() {
        produce("to-table", 10);
        Map<String, String> config = config("to-table", "good_rows_table");
        config.put("runtime.error.mode", "tablestore");
        config.put("runtime.error.table.name", "sink_errors");
        kafka.deployConnector("errors-table", config);

        assertThat(tables.awaitRows("good_rows_table", 10, WAIT)).hasSize(10);
        List<Row> errors = tables.awaitRows("sink_errors", MALFORMED.size(), WAIT);
        assertThat(errors).hasSize(MALFORMED.size());
        for (Row row : errors) {
            Map<String, Object> columns = Tables.columns(row);
            String key = text(columns.get("key"));
            assertThat(columns.get("error_reason").toString()).contains(REASONS.get(key));
            assertThat(Tables.pk(row, "topic_partition")).isEqualTo("to-table_0");
            assertThat(columns.get("headers").toString()).contains("origin");
            if (!key.equals("oversized")) {
                assertThat(text(columns.get("value"))).isEqualTo(MALFORMED.get(key));
            }
        }
        awaitCommitted("errors-table", new TopicPartition("to-table", 0));
        kafka.deleteConnector("errors-table");
    }

    @Test
    void malformedRecordsGoToConnectsDeadLetterQueue() {
        produce("to-dlq", 5);
        Map<String, String> config = config("to-dlq", "good_rows_dlq");
        config.put("runtime.error.mode", "dlq");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "sink-dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        kafka.deployConnector("errors-dlq", config);

        assertThat(tables.awaitRows("good_rows_dlq", 5, WAIT)).hasSize(5);
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.consume("sink-dlq", MALFORMED.size(), WAIT);
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(MALFORMED.keySet());
        awaitCommitted("errors-dlq", new TopicPartition("to-dlq", 0));
        kafka.deleteConnector("errors-dlq");
    }

    @Test
    void ignoreModeSkipsBadRecordsAndCommitsPastThem() {
        produce("to-log", 5);
        Map<String, String> config = config("to-log", "good_rows_log");
        config.put("runtime.error.mode", "ignore");
        kafka.deployConnector("errors-ignore", config);
        assertThat(tables.awaitRows("good_rows_log", 5, WAIT)).hasSize(5);
        awaitCommitted("errors-ignore", new TopicPartition("to-log", 0));
        kafka.deleteConnector("errors-ignore");
    }

    @Test
    void toleranceNoneFailsTheTaskNamingTheRecordAndReason() {
        produce("to-fail", 3);
        Map<String, String> config = config("to-fail", "good_rows_fail");
        config.put("runtime.error.tolerance", "none");
        kafka.deployConnector("errors-none", config);
        String trace = kafka.awaitTaskFailed("errors-none", WAIT);
        assertThat(trace).contains("to-fail-0@3").contains("not valid JSON");
        kafka.deleteConnector("errors-none");
    }

    @Test
    void serverBusyAndRowErrorsAreRetriedUntilEveryRecordLands() {
        int good = 1500;
        try (TablestoreEmulator flaky = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().port(0).build())) {
            Tables flakyTables = new Tables(flaky);
            kafka.createTopic("flaky", 3);
            for (int i = 0; i < good; i++) {
                producing.send("flaky", i % 3, "k" + i, "{\"id\":" + i + ",\"n\":" + i + "}");
            }
            MALFORMED.forEach((key, value) -> producing.send("flaky", 0, key, value));
            producing.flush();
            kafka.createTopic("flaky-errors", 1);

            flaky.faults().failRequests("BatchWriteRow", 0.05, "OTSServerBusy");
            // The SDK client itself retries these two; OTSTimeout on a row it leaves to the sink's retry policy.
            flaky.faults().failRows("BatchWriteRow", 0.03, "OTSPartitionUnavailable");
            flaky.faults().failRows("BatchWriteRow", 0.02, "OTSTimeout");
            Map<String, String> config = flakyTables.connectorConfig("flaky");
            config.put("tasks.max", "3");
            config.put("topics.assign.tables", "flaky:flaky_rows");
            config.put("primarykey.mode", "record_value");
            config.put("tablestore.flaky_rows.primarykey.name", "id");
            config.put("tablestore.flaky_rows.primarykey.type", "integer");
            config.put("tablestore.flaky_rows.columns.whitelist.name", "n,blob");
            config.put("tablestore.flaky_rows.columns.whitelist.type", "integer,string");
            config.put("runtime.error.tolerance", "all");
            config.put("runtime.error.mode", "kafka");
            config.put("runtime.error.bootstrap.servers", kafka.bootstrapServers());
            config.put("runtime.error.topic.name", "flaky-errors");
            config.put("runtime.error.producer.max.request.size", "8388608");
            config.put("retry.max.retries", "20");
            kafka.deployConnector("flaky", config);

            List<Row> rows = flakyTables.awaitRows("flaky_rows", good, Duration.ofSeconds(180));
            List<ConsumerRecord<byte[], byte[]>> reported = kafka.consume("flaky-errors", MALFORMED.size(), WAIT);
            Set<Object> ids = rows.stream().map(r -> Tables.pk(r, "id")).collect(Collectors.toSet());
            assertThat(ids).hasSize(good);
            assertThat(reported).hasSize(MALFORMED.size());
            assertThat(rows.size() + reported.size()).isEqualTo(good + MALFORMED.size());
            for (int p = 0; p < 3; p++) {
                awaitCommitted("flaky", new TopicPartition("flaky", p));
            }
            // The retries really happened, and JMX shows them with the rest of the task metrics. Read once every
            // offset is committed: a row is visible before the writer's callback has counted it, never committed before.
            Map<String, Long> metrics = Metrics.sum("flaky", "RecordsRetried", "RecordsWritten", "RecordsFailed", "BatchesWritten");
            assertThat(metrics.get("RecordsRetried")).isPositive();
            assertThat(metrics.get("RecordsWritten")).isGreaterThanOrEqualTo(good);
            assertThat(metrics.get("RecordsFailed")).isGreaterThanOrEqualTo(MALFORMED.size());
            assertThat(metrics.get("BatchesWritten")).isPositive();
            kafka.deleteConnector("flaky");
            flakyTables.close();
        }
    }
}
