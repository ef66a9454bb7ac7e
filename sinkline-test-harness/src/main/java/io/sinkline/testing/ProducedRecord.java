package io.sinkline.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** A record a test sends to Kafka, built fluently: {@code ProducedRecord.to("t").key("k").value("v")}. */
public final class ProducedRecord {

    private final String topic;
    private Integer partition;
    private Long timestamp;
    private byte[] key;
    private byte[] value;
    private final List<Header> headers = new ArrayList<>();

    private ProducedRecord(String topic) {
        this.topic = topic;
    }

    public static ProducedRecord to(String topic) {
        return new ProducedRecord(topic);
    }

    public ProducedRecord partition(int partition) {
        this.partition = partition;
        return this;
    }

    /** The record's timestamp in epoch milliseconds (CreateTime); by default the producer's clock. */
    public ProducedRecord timestamp(long epochMillis) {
        this.timestamp = epochMillis;
        return this;
    }

    public ProducedRecord key(String key) {
        this.key = utf8(key);
        return this;
    }

    public ProducedRecord key(byte[] key) {
        this.key = key;
        return this;
    }

    /** The value as UTF-8 text; {@code null} makes a tombstone. */
    public ProducedRecord value(String value) {
        this.value = utf8(value);
        return this;
    }

    public ProducedRecord value(byte[] value) {
        this.value = value;
        return this;
    }

    public ProducedRecord header(String name, String value) {
        headers.add(new RecordHeader(name, utf8(value)));
        return this;
    }

    public ProducedRecord header(String name, byte[] value) {
        headers.add(new RecordHeader(name, value));
        return this;
    }

    ProducerRecord<byte[], byte[]> toProducerRecord() {
        return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
