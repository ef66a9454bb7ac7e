package io.sinkline.tablestore.e2e;

import io.sinkline.testing.Await;
import io.sinkline.testing.KafkaConnectHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Test records into the harness's broker, checked: a test that counts records must know that the
 * broker took each of them. Records up to 8 MB (the oversized-column case needs more than 1 MB).
 */
final class Producing implements AutoCloseable {
    private final KafkaConnectHarness kafka;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<?>> sent = new ArrayList<>();

    Producing(KafkaConnectHarness kafka) {
        this.kafka = kafka;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // The embedded broker sometimes answers NOT_LEADER_OR_FOLLOWER for a fresh topic after
                // appending; an idempotent producer then fails with OutOfOrderSequence. Tests count
                // distinct keys and read end offsets, so a duplicate from a plain retry is harmless.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Creates the topic and waits until every partition has a leader. */
    void createTopic(String topic, int partitions) {
        kafka.createTopic(topic, partitions);
        Await.until("leaders for " + topic, Duration.ofSeconds(60), () -> {
            try {
                var infos = producer.partitionsFor(topic);
                return infos.size() == partitions && infos.stream().allMatch(p -> p.leader() != null);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    Producing send(String topic, Integer partition, String key, String value, String... headers) {
        return send(topic, partition, bytes(key), bytes(value), headers);
    }

    Producing send(String topic, Integer partition, byte[] key, byte[] value, String... headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, key, value);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            record.headers().add(headers[i], bytes(headers[i + 1]));
        }
        synchronized (sent) {
            sent.add(producer.send(record));
        }
        return this;
    }

    /** Flushes and makes sure the broker took every record sent so far. */
    void flush() {
        producer.flush();
        synchronized (sent) {
            for (Future<?> future : sent) {
                try {
                    future.get();
                } catch (Exception e) {
                    throw new IllegalStateException("the broker refused a test record", e);
                }
            }
            sent.clear();
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
