package io.sinkline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends test records to the harness's broker. Sends are asynchronous; {@link #flush()} waits
 * until every record sent so far is acknowledged and rethrows the first failure.
 */
public final class TestProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

    TestProducer(KafkaProducer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** Sends a UTF-8 key and value; a {@code null} value is a tombstone. */
    public synchronized TestProducer send(String topic, String key, String value) {
        return send(ProducedRecord.to(topic).key(key).value(value));
    }

    /**
     * Sends a UTF-8 key and value to a partition ({@code null}: the partitioner's choice), with
     * headers given as name, value, name, value, ...
     */
    public synchronized TestProducer send(String topic, Integer partition, String key, String value, String... headers) {
        ProducedRecord record = ProducedRecord.to(topic).key(key).value(value);
        if (partition != null) {
            record.partition(partition);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            record.header(headers[i], headers[i + 1]);
        }
        return send(record);
    }

    public synchronized TestProducer send(ProducedRecord record) {
        unacknowledged.add(producer.send(record.toProducerRecord()));
        return this;
    }

    /** Waits until every record sent so far is acknowledged by the broker. */
    public synchronized void flush() {
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : unacknowledged) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for acknowledgements", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused a test record", e.getCause());
        } finally {
            unacknowledged.clear();
        }
    }

    @Override
    public void close() {
        flush();
        producer.close();
    }
}
