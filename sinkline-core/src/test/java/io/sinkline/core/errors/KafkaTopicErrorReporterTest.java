package io.sinkline.core.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class KafkaTopicErrorReporterTest {

    // autoComplete=false: sends stay in flight until the test (or flush()) completes them.
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final KafkaTopicErrorReporter reporter = new KafkaTopicErrorReporter(producer, "runtime_error", "odps-sink", 3);

    @Test
    void reportsTheOriginalBytesWithTheReasonAndCoordinatesInHeaders() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("trace-id", "abc");
        headers.addBytes("raw", new byte[] {1, 2, 3});
        SinkRecord record = new SinkRecord("topic_abnormal", 0, Schema.STRING_SCHEMA, "101", Schema.STRING_SCHEMA,
                "{\"id\":101,\"name\":\"json-4\",\"extendinfos\":\"null\"}", 3, 1_700_000_000_000L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, headers);

        reporter.report(new FailedRecord(record, "column 'extendinfos' is not in table table_flatten",
                new IllegalArgumentException("unknown column extendinfos")));

        ProducerRecord<byte[], byte[]> sent = single();
        assertThat(sent.topic()).isEqualTo("runtime_error");
        assertThat(text(sent.key())).isEqualTo("101");
        assertThat(text(sent.value())).isEqualTo("{\"id\":101,\"name\":\"json-4\",\"extendinfos\":\"null\"}");
        Headers h = sent.headers();
        assertThat(text(h.lastHeader("trace-id").value())).isEqualTo("abc");
        assertThat(h.lastHeader("raw").value()).containsExactly(1, 2, 3);
        assertThat(header(h, KafkaTopicErrorReporter.REASON)).isEqualTo("column 'extendinfos' is not in table table_flatten");
        assertThat(header(h, KafkaTopicErrorReporter.EXCEPTION)).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(header(h, KafkaTopicErrorReporter.MESSAGE)).isEqualTo("unknown column extendinfos");
        assertThat(header(h, KafkaTopicErrorReporter.STACKTRACE)).contains("unknown column extendinfos", "at io.sinkline");
        assertThat(header(h, KafkaTopicErrorReporter.TOPIC)).isEqualTo("topic_abnormal");
        assertThat(header(h, KafkaTopicErrorReporter.PARTITION)).isEqualTo("0");
        assertThat(header(h, KafkaTopicErrorReporter.OFFSET)).isEqualTo("3");
        assertThat(header(h, KafkaTopicErrorReporter.CONNECTOR)).isEqualTo("odps-sink");
        assertThat(header(h, KafkaTopicErrorReporter.TASK)).isEqualTo("3");
    }

    @Test
    void bytesStayBytesAndStructuredValuesBecomeJson() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("name", Schema.STRING_SCHEMA).build();
        Struct value = new Struct(schema).put("id", 7L).put("name", "x");
        SinkRecord record = new SinkRecord("t", 1, Schema.BYTES_SCHEMA, new byte[] {(byte) 0xff, 0}, schema, value, 9);

        reporter.report(new FailedRecord(record, "wrong type"));

        ProducerRecord<byte[], byte[]> sent = single();
        assertThat(sent.key()).containsExactly(0xff, 0);
        assertThat(text(sent.value())).isEqualTo("{\"id\":7,\"name\":\"x\"}");
        assertThat(sent.headers().lastHeader(KafkaTopicErrorReporter.EXCEPTION)).as("no cause, no exception header").isNull();
    }

    @Test
    void schemalessMapsAndTombstonesAreKept() {
        SinkRecord map = new SinkRecord("t", 0, null, null, null, Map.of("a", 1), 0);
        SinkRecord tombstone = new SinkRecord("t", 0, null, "gone", null, null, 1);

        reporter.report(new FailedRecord(map, "r1"));
        reporter.report(new FailedRecord(tombstone, "r2"));

        List<ProducerRecord<byte[], byte[]>> history = producer.history();
        assertThat(history.get(0).key()).isNull();
        assertThat(text(history.get(0).value())).isEqualTo("{\"a\":1}");
        assertThat(text(history.get(1).key())).isEqualTo("gone");
        assertThat(history.get(1).value()).isNull();
    }

    @Test
    void aReportIsDoneOnlyWhenTheBrokerAcknowledgedIt() {
        CompletableFuture<Void> done = reporter.report(failed(0));
        assertThat(done).isNotDone();

        producer.completeNext();
        assertThat(done).isCompleted();
    }

    @Test
    void flushWaitsForEveryReport() {
        CompletableFuture<Void> first = reporter.report(failed(0));
        CompletableFuture<Void> second = reporter.report(failed(1));

        reporter.flush();

        assertThat(producer.flushed()).isTrue();
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
    }

    @Test
    void flushFailsWhenAReportWasLostSoItsOffsetIsNotCommitted() {
        CompletableFuture<Void> lost = reporter.report(failed(0));
        CompletableFuture<Void> kept = reporter.report(failed(1));
        producer.errorNext(new TimeoutException("Expiring 1 record(s) for runtime_error-0"));

        assertThatThrownBy(reporter::flush)
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("1 failed record(s) could not be reported to error topic 'runtime_error'")
                .hasRootCauseInstanceOf(TimeoutException.class);
        assertThat(lost).isCompletedExceptionally();
        assertThat(kept).isCompleted();

        // Sticky: Connect only skips a commit whose preCommit() threw, so a forgotten failure would
        // let the next commit cover the lost report. Every later flush, and put() through
        // throwIfFailed(), keeps failing until the task stops and Kafka redelivers.
        reporter.report(failed(2));
        producer.completeNext();
        assertThatThrownBy(reporter::flush).isInstanceOf(ConnectException.class).hasMessageContaining("1 failed record(s)");
        assertThatThrownBy(reporter::throwIfFailed).isInstanceOf(ConnectException.class)
                .hasRootCauseMessage("Expiring 1 record(s) for runtime_error-0");
    }

    @Test
    void aHealthyReporterDoesNotThrow() {
        reporter.report(failed(0));
        reporter.flush();
        reporter.throwIfFailed();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aSendRefusedOnTheSpotAlsoFailsTheFlush() {
        producer.sendException = new IllegalStateException("Cannot perform operation after producer has been closed");

        CompletableFuture<Void> refused = reporter.report(failed(0));

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(reporter::flush).isInstanceOf(ConnectException.class);
    }

    @Test
    void theGuaranteesOfTheProducerCannotBeConfiguredAway() {
        Map<String, Object> settings = KafkaTopicErrorReporter.producerSettings(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092", ProducerConfig.ACKS_CONFIG, "1",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false", ProducerConfig.LINGER_MS_CONFIG, "50"),
                "odps-sink", 3);

        assertThat(settings)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "50")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "sinkline-errors-odps-sink-3")
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    @Test
    void closeClosesTheProducer() {
        reporter.close();
        assertThat(producer.closed()).isTrue();
    }

    private static FailedRecord failed(long offset) {
        return new FailedRecord(Records.stringRecord("orders", 0, offset, "k", "v"), "bad record");
    }

    private ProducerRecord<byte[], byte[]> single() {
        assertThat(producer.history()).hasSize(1);
        return producer.history().get(0);
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        assertThat(header).as("header " + key).isNotNull();
        return text(header.value());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
