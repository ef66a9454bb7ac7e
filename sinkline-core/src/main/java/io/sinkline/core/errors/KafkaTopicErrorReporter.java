package io.sinkline.core.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reports failed records to a Kafka topic with its own producer (seed 003's
 * {@code runtime.error.topic.name}; seed 001's {@code runtime.error.mode=kafka}).
 *
 * <p>The reported record keeps the original key, value and headers (as bytes, see
 * {@link RecordBytes}) and adds {@code sinkline.error.*} headers: reason, exception, message,
 * stacktrace, topic, partition, offset, connector, task. The producer is idempotent with
 * {@code acks=all}, and {@link #flush()} waits for every send and fails if one failed: unlike the
 * official MaxCompute connector, nothing is fire-and-forget.
 */
public final class KafkaTopicErrorReporter implements ErrorReporter {

    public static final String HEADER_PREFIX = "sinkline.error.";
    public static final String REASON = HEADER_PREFIX + "reason";
    public static final String EXCEPTION = HEADER_PREFIX + "exception";
    public static final String MESSAGE = HEADER_PREFIX + "message";
    public static final String STACKTRACE = HEADER_PREFIX + "stacktrace";
    public static final String TOPIC = HEADER_PREFIX + "topic";
    public static final String PARTITION = HEADER_PREFIX + "partition";
    public static final String OFFSET = HEADER_PREFIX + "offset";
    public static final String CONNECTOR = HEADER_PREFIX + "connector";
    public static final String TASK = HEADER_PREFIX + "task";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String connector;
    private final int task;
    private final RecordBytes bytes = new RecordBytes();
    private final OutstandingReports outstanding;

    /** Uses the given producer (tests pass a MockProducer); {@link #close()} closes it. */
    public KafkaTopicErrorReporter(Producer<byte[], byte[]> producer, String topic, String connector, int task) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = requireText(topic, "error topic");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.task = task;
        this.outstanding = new OutstandingReports("error topic '" + topic + "'");
    }

    /**
     * Creates the producer from {@code producerConfig} (at least {@code bootstrap.servers}); the
     * settings that the guarantee depends on are forced: {@code acks=all}, idempotence on,
     * byte-array serializers.
     */
    public static KafkaTopicErrorReporter create(Map<String, ?> producerConfig, String topic, String connector, int task) {
        return new KafkaTopicErrorReporter(new KafkaProducer<>(producerSettings(producerConfig, connector, task)), topic, connector, task);
    }

    static Map<String, Object> producerSettings(Map<String, ?> producerConfig, String connector, int task) {
        Map<String, Object> settings = new HashMap<>(producerConfig);
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sinkline-errors-" + connector + "-" + task);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return settings;
    }

    @Override
    public CompletableFuture<Void> report(FailedRecord failed) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        outstanding.add(done);
        try {
            producer.send(toErrorRecord(failed), (metadata, error) -> {
                if (error == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(error);
                }
            });
        } catch (RuntimeException refused) { // closed producer, serialization, buffer exhausted...
            done.completeExceptionally(refused);
        }
        return done;
    }

    ProducerRecord<byte[], byte[]> toErrorRecord(FailedRecord failed) {
        SinkRecord record = failed.record();
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header.key(), bytes.of(record.topic(), header.schema(), header.value()));
        }
        addText(headers, REASON, failed.reason());
        Throwable cause = failed.cause();
        if (cause != null) {
            addText(headers, EXCEPTION, cause.getClass().getName());
            if (cause.getMessage() != null) {
                addText(headers, MESSAGE, cause.getMessage());
            }
            addText(headers, STACKTRACE, stackTrace(cause));
        }
        addText(headers, TOPIC, record.originalTopic());
        addText(headers, PARTITION, String.valueOf(record.originalKafkaPartition()));
        addText(headers, OFFSET, String.valueOf(record.originalKafkaOffset()));
        addText(headers, CONNECTOR, connector);
        addText(headers, TASK, String.valueOf(task));
        byte[] key = bytes.of(record.topic(), record.keySchema(), record.key());
        byte[] value = bytes.of(record.topic(), record.valueSchema(), record.value());
        return new ProducerRecord<>(topic, null, null, key, value, headers);
    }

    /** Sends what the producer buffered and waits for every report; throws if one failed. */
    @Override
    public void flush() {
        try {
            producer.flush();
        } catch (RuntimeException e) {
            throw new ConnectException("could not flush the error topic producer for '" + topic + "'", e);
        }
        outstanding.awaitAll();
    }

    @Override
    public void throwIfFailed() {
        outstanding.throwIfFailed();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    private static void addText(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Throwable cause) {
        StringWriter text = new StringWriter();
        cause.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be empty");
        }
        return value;
    }
}
