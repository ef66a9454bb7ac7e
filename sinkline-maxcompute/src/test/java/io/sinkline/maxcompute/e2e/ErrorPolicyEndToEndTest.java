package io.sinkline.maxcompute.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sinkline.testing.Await;
import io.sinkline.testing.ProducedRecord;

/**
 * Seed 003's error table ({@code skip_error} x {@code runtime.error.topic.name}) and Connect's
 * {@code errors.tolerance} with its dead letter queue, each with one poison record between two
 * good ones (FLATTEN, a key with no column); and rows that only the service refuses (NULL in a NOT
 * NULL column), through batch and streaming Tunnel.
 */
class ErrorPolicyEndToEndTest extends EndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String POISON = "{\"id\":101,\"name\":\"json-4\",\"extendinfos\":\"null\"}";


    /** A table and a topic holding good, poison, good; returns the connector config for them. */
    private Map<String, String> scenario(String name) {
        mc.sql("CREATE TABLE IF NOT EXISTS " + name + "(topic STRING, `partition` BIGINT, `offset` BIGINT, id BIGINT,"
                + " name STRING, extendinfo JSON) PARTITIONED BY (pt STRING);");
        kafka.createTopic(name, 1);
        kafka.producer().send(name, "100", "{\"id\":100,\"name\":\"json-3\",\"extendinfo\":{\"region\":\"beijing\"}}");
        kafka.producer().send(name, "101", POISON);
        kafka.producer().send(name, "102", "{\"id\":102,\"name\":\"json-5\",\"extendinfo\":{\"region\":\"beijing\"}}");
        kafka.producer().flush();
        Map<String, String> config = mc.connectorConfig(name, name);
        config.put("format", "FLATTEN");
        return config;
    }

    private void assertGoodRowsWritten(String table) {
        mc.awaitCount(table, 2, TIMEOUT, () -> stack.status(table));
        assertThat(mc.rows("SELECT `offset`, id FROM " + table + " ORDER BY `offset`;"))
                .containsExactly(List.of("0", "100"), List.of("2", "102"));
    }

    /** The poison record's offset is behind the committed offset: the task moved past it, once. */
    private void assertCommittedPast(String connector, String topic) {
        Await.until(connector + " commits offset 3", TIMEOUT, () -> {
            OffsetAndMetadata committed = kafka.committedOffsets(connector).get(new TopicPartition(topic, 0));
            return committed != null && committed.offset() == 3;
        });
    }

    @Test
    void noSkipNoErrorTopicStopsTheTaskNamingTheRecordAndReason() {
        Map<String, String> config = scenario("err_stop");
        kafka.deployConnector("err_stop", config);

        String trace = kafka.awaitTaskFailed("err_stop", TIMEOUT);

        assertThat(trace).contains("err_stop-0@1").contains("extendinfos");
        assertThat(kafka.committedOffsets("err_stop").get(new TopicPartition("err_stop", 0)))
                .satisfiesAnyOf(offset -> assertThat(offset).isNull(), offset -> assertThat(offset.offset()).isLessThanOrEqualTo(1));
        kafka.deleteConnector("err_stop");
    }

    @Test
    void skipWithoutErrorTopicSkipsThePoisonRecordAndGoesOn() {
        Map<String, String> config = scenario("err_skip");
        config.put("skip_error", "true");
        kafka.deployConnector("err_skip", config);

        assertGoodRowsWritten("err_skip");
        assertCommittedPast("err_skip", "err_skip");
        kafka.deleteConnector("err_skip");
    }

    @Test
    void skipWithErrorTopicSendsThePoisonRecordThere() {
        Map<String, String> config = scenario("err_skip_topic");
        kafka.createTopic("err_skip_topic_errors", 1);
        config.put("skip_error", "true");
        config.put("runtime.error.topic.name", "err_skip_topic_errors");
        config.put("runtime.error.topic.bootstrap.servers", kafka.bootstrapServers());
        kafka.deployConnector("err_skip_topic", config);

        assertGoodRowsWritten("err_skip_topic");
        List<ConsumerRecord<byte[], byte[]>> errors = kafka.consume("err_skip_topic_errors", 1, TIMEOUT);
        assertThat(errors).singleElement().satisfies(error ->
                assertThat(new String(error.value(), StandardCharsets.UTF_8)).isEqualTo(POISON));
        assertCommittedPast("err_skip_topic", "err_skip_topic");
        kafka.deleteConnector("err_skip_topic");
    }

    @Test
    void connectErrorsToleranceAllSendsThePoisonRecordToTheDeadLetterQueue() {
        Map<String, String> config = scenario("err_dlq");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "err_dlq_dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        kafka.deployConnector("err_dlq", config);

        assertGoodRowsWritten("err_dlq");
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.consume("err_dlq_dlq", 1, TIMEOUT);
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(POISON);
            assertThat(new String(record.headers().lastHeader("__connect.errors.exception.message").value(),
                    StandardCharsets.UTF_8)).contains("extendinfos");
        });
        assertCommittedPast("err_dlq", "err_dlq");
        kafka.deleteConnector("err_dlq");
    }

    /**
     * Records the connector formats fine but the service refuses (no {@code name} for a NOT NULL
     * column): the blocks or packs holding them are halved until the refused rows are alone; those
     * go to the error topic with the service's reason, all others land once, every offset is committed.
     */
    @ParameterizedTest(name = "use_streaming={0}")
    @ValueSource(booleans = {false, true})
    void rowsTheServiceRefusesGoToTheErrorTopicWithItsReasonAndTheOthersLand(boolean streaming) {
        String name = streaming ? "refused_stream" : "refused_batch";
        int partitions = 3;
        int perPartition = 100;
        mc.sql("CREATE TABLE IF NOT EXISTS " + name + "(topic STRING, `partition` BIGINT, `offset` BIGINT,"
                + " id BIGINT NOT NULL, name STRING NOT NULL) PARTITIONED BY (pt STRING);");
        kafka.createTopic(name, partitions);
        kafka.createTopic(name + "_errors", 1);
        Set<String> refused = new HashSet<>();
        for (int p = 0; p < partitions; p++) {
            for (int offset = 0; offset < perPartition; offset++) {
                int id = p * perPartition + offset;
                boolean bad = id % 25 == 7;
                if (bad) {
                    refused.add(p + "@" + offset);
                }
                kafka.producer().send(ProducedRecord.to(name).partition(p).key(Integer.toString(id))
                        .value(bad ? "{\"id\":" + id + "}" : "{\"id\":" + id + ",\"name\":\"n" + id + "\"}"));
            }
        }
        kafka.producer().flush();
        Map<String, String> config = mc.connectorConfig(name, name);
        config.put("format", "FLATTEN");
        config.put("use_streaming", Boolean.toString(streaming));
        config.put("record_batch_size", "40");
        config.put("runtime.error.topic.name", name + "_errors");
        config.put("runtime.error.topic.bootstrap.servers", kafka.bootstrapServers());
        kafka.deployConnector(name, config);

        int sent = partitions * perPartition;
        mc.awaitCount(name, sent - refused.size(), TIMEOUT, () -> stack.status(name));
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(name, p);
            Await.until(name + " commits " + tp + " to its end", TIMEOUT, () -> {
                OffsetAndMetadata committed = kafka.committedOffsets(name).get(tp);
                return committed != null && committed.offset() == perPartition;
            });
        }

        // every report is durable before the offsets behind it are committed: all of them are in the topic now
        List<ConsumerRecord<byte[], byte[]>> errors = kafka.consume(name + "_errors", refused.size(), TIMEOUT);
        assertThat(mc.rows("SELECT COUNT(*), COUNT(DISTINCT id), SUM(CASE WHEN name IS NULL THEN 1 ELSE 0 END) FROM "
                + name + ";")).containsExactly(List.of(Integer.toString(sent - refused.size()),
                Integer.toString(sent - refused.size()), "0"));
        assertThat(errors).hasSize(refused.size());
        assertThat(errors).extracting(e -> header(e, "sinkline.error.partition") + "@" + header(e, "sinkline.error.offset"))
                .containsExactlyInAnyOrderElementsOf(refused);
        assertThat(errors).allSatisfy(e -> {
            assertThat(header(e, "sinkline.error.reason")).contains("MalformedDataStream").contains("column name STRING")
                    .contains("NULL in a NOT NULL column");
            assertThat(new String(e.value(), StandardCharsets.UTF_8)).doesNotContain("name");
        });
        assertThat(stack.status(name)).doesNotContain("FAILED");
        kafka.deleteConnector(name);
    }

    private String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return record.headers().lastHeader(key) == null ? null
                : new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
