package io.sinkline.core.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.sinkline.testing.KafkaConnectHarness;

/** The error-topic reporter against a real KRaft broker: what flush() promises is on the topic. */
class KafkaTopicErrorReporterBrokerTest {

    private static KafkaConnectHarness kafka;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaConnectHarness.builder().workers(0).brokerProperty("auto.create.topics.enable", "false").start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void afterFlushEveryReportIsOnTheTopicWithItsOriginalBytesAndTheReason() {
        kafka.createTopic("runtime_error", 1);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("trace-id", "t-1");
        try (KafkaTopicErrorReporter reporter = KafkaTopicErrorReporter.create(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 1000),
                "runtime_error", "odps-test-runtime-error", 1)) {
            for (int i = 0; i < 3; i++) {
                SinkRecord record = new SinkRecord("topic_abnormal", 0, Schema.STRING_SCHEMA, "10" + i, Schema.STRING_SCHEMA,
                        "{\"id\":10" + i + "}", 40 + i, null, null, headers);
                reporter.report(new FailedRecord(record, "column 'extendinfos' is not in the table"));
            }
            // linger.ms=1000 keeps the batch in the producer: only flush() may send it in time.
            reporter.flush();

            List<ConsumerRecord<byte[], byte[]>> reported = kafka.consume("runtime_error", 3, Duration.ofSeconds(30));
            assertThat(reported).hasSize(3);
            assertThat(reported).extracting(r -> text(r.value())).containsExactly("{\"id\":100}", "{\"id\":101}", "{\"id\":102}");
            assertThat(reported).extracting(r -> text(r.key())).containsExactly("100", "101", "102");
            Headers first = reported.get(0).headers();
            assertThat(text(first.lastHeader("trace-id").value())).isEqualTo("t-1");
            assertThat(text(first.lastHeader(KafkaTopicErrorReporter.REASON).value())).isEqualTo("column 'extendinfos' is not in the table");
            assertThat(text(first.lastHeader(KafkaTopicErrorReporter.OFFSET).value())).isEqualTo("40");
            assertThat(text(first.lastHeader(KafkaTopicErrorReporter.CONNECTOR).value())).isEqualTo("odps-test-runtime-error");
        }
    }

    @Test
    void flushFailsWhenTheTopicCannotBeWritten() {
        try (KafkaTopicErrorReporter reporter = KafkaTopicErrorReporter.create(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500),
                "no_such_topic", "c", 0)) {
            reporter.report(new FailedRecord(new SinkRecord("t", 0, null, null, null, "v", 0), "bad"));

            assertThatThrownBy(reporter::flush)
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("could not be reported to error topic 'no_such_topic'");
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
