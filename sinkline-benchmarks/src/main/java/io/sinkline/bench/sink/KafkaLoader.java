package io.sinkline.bench.sink;

import io.sinkline.testing.KafkaConnectHarness;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Fills the benchmark topic before any clock starts (through {@link SideWork}), and reads its end offsets. */
public final class KafkaLoader {

    private final KafkaConnectHarness kafka;

    public KafkaLoader(KafkaConnectHarness kafka) {
        this.kafka = kafka;
    }

    /**
     * Creates the topic and has {@code sideWork} produce {@code records} sample records (JSON
     * values) into it, every one acknowledged; then checks that each partition holds exactly the
     * records {@link SampleTopic} expects, so the ceiling's primary keys match the connector's.
     */
    public Map<TopicPartition, Long> load(SampleTopic topic, int records, SideWork sideWork) throws Exception {
        kafka.createTopic(topic.name(), topic.partitions());
        sideWork.produce(kafka.bootstrapServers(), topic, records);
        Map<TopicPartition, Long> ends = endOffsets(topic);
        for (int p = 0; p < topic.partitions(); p++) {
            long expected = topic.recordsIn(p, records);
            long actual = ends.getOrDefault(new TopicPartition(topic.name(), p), -1L);
            if (actual != expected) {
                throw new IllegalStateException("partition " + p + " of " + topic.name() + " ends at offset " + actual
                        + ", expected " + expected + " (was the topic fresh, and every record acknowledged?)");
            }
        }
        return ends;
    }

    /** Produces records {@code [0, records)} of {@code topic} (which exists), waiting for every acknowledgement. */
    public static void produce(String bootstrapServers, SampleTopic topic, int records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(bootstrapServers),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic.name(), topic.partitionOf(i), utf8("k" + i),
                        utf8(SampleRecords.json(i))), (metadata, error) -> {
                            if (error != null) {
                                throw new IllegalStateException("the broker refused a benchmark record", error);
                            }
                        });
            }
            producer.flush();
        }
    }

    /**
     * As the harness's test producer (not idempotent: the embedded broker can make an idempotent
     * one fail with OUT_OF_ORDER_SEQUENCE_NUMBER on a fresh topic), with larger batches. One
     * request in flight keeps the order; the end-offset check above catches any duplicate.
     */
    private static Map<String, Object> producerSettings(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return props;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public Map<TopicPartition, Long> endOffsets(SampleTopic topic) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < topic.partitions(); p++) {
            request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
        }
        try (Admin admin = kafka.connect().kafka().createAdminClient()) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the end offsets of " + topic.name(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
