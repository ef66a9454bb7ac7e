package io.sinkline.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record seen as JSON: key, value, headers and Kafka coordinates. Key and value are decoded
 * lazily (once) with the configured {@link PayloadFormat}; a decoding failure surfaces as a
 * {@link RecordFormatException} at the first read.
 */
public final class RecordView {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ConnectRecord<?> record;
    private final PayloadDecoder decoder;
    private JsonNode key;
    private JsonNode value;
    private ObjectNode document;
    private ObjectNode envelope;

    private RecordView(ConnectRecord<?> record, PayloadDecoder decoder) {
        this.record = record;
        this.decoder = decoder;
    }

    public static RecordView of(ConnectRecord<?> record, PayloadFormat format) {
        return new RecordView(record, new PayloadDecoder(format));
    }

    public static RecordView of(ConnectRecord<?> record, PayloadDecoder decoder) {
        return new RecordView(record, decoder);
    }

    public ConnectRecord<?> record() {
        return record;
    }

    public PayloadFormat format() {
        return decoder.format();
    }

    public String topic() {
        return record.topic();
    }

    public int partition() {
        return record.kafkaPartition() == null ? -1 : record.kafkaPartition();
    }

    /** The Kafka offset of a sink record, or -1 for a source record (which has none yet). */
    public long offset() {
        return record instanceof SinkRecord sink ? sink.kafkaOffset() : -1L;
    }

    /** Record timestamp in epoch milliseconds, or null when the record has none. */
    public Long timestamp() {
        return record.timestamp();
    }

    public boolean isTombstone() {
        return record.value() == null;
    }

    public JsonNode key() {
        if (key == null) {
            key = decoder.decode(record.key(), "key");
        }
        return key;
    }

    /** Whether {@link #value()} has been decoded already (a filter or a rule read it). */
    public boolean isValueDecoded() {
        return value != null;
    }

    public JsonNode value() {
        if (value == null) {
            value = decoder.decode(record.value(), "value");
        }
        return value;
    }

    /** Headers as an object, name to value (the last one wins when a name repeats). */
    public ObjectNode headers() {
        ObjectNode headers = NODES.objectNode();
        for (Header header : record.headers()) {
            headers.set(header.key(), ConnectValues.toTree(header.value()));
        }
        return headers;
    }

    /**
     * The record as a plain document: {@code {topic, partition, offset, timestamp, headers, key, value}}.
     * This is the {@code data} part of the CloudEvents envelope.
     */
    public ObjectNode document() {
        if (document == null) {
            ObjectNode doc = NODES.objectNode();
            doc.put("topic", topic());
            doc.put("partition", partition());
            doc.put("offset", offset());
            if (timestamp() == null) {
                doc.putNull("timestamp");
            } else {
                doc.put("timestamp", timestamp());
            }
            ObjectNode headers = NODES.objectNode();
            ArrayNode list = headers.putArray("headers");
            for (Header header : record.headers()) {
                list.addObject().put("key", header.key()).set("value", ConnectValues.toTree(header.value()));
            }
            headers.put("isReadOnly", false);
            doc.set("headers", headers);
            doc.set("key", key());
            doc.set("value", value());
            document = doc;
        }
        return document;
    }

    /** The seed-000 CloudEvents envelope around {@link #document()}. */
    public ObjectNode envelope() {
        if (envelope == null) {
            envelope = CloudEventsEnvelope.wrap(this);
        }
        return envelope;
    }
}
