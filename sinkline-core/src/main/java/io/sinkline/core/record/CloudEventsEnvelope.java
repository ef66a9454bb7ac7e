package io.sinkline.core.record;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The CloudEvents-style envelope in which the hosted Kafka → Tablestore task (seed 000) hands a
 * message to its JSONPath rules: {@code id, source, specversion, type, datacontenttype, time,
 * subject, data{topic, partition, offset, timestamp, headers, key, value}}.
 */
public final class CloudEventsEnvelope {
    public static final String SOURCE = "acs:alikafka";
    public static final String SPEC_VERSION = "1.0";
    public static final String TYPE = "alikafka:Topic:Message";

    private CloudEventsEnvelope() {
    }

    public static ObjectNode wrap(RecordView view) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.set("data", view.document());
        event.put("id", id(view));
        event.put("source", SOURCE);
        event.put("specversion", SPEC_VERSION);
        event.put("type", TYPE);
        event.put("datacontenttype", contentType(view.format()));
        if (view.timestamp() == null) {
            event.putNull("time");
        } else {
            event.put("time", Instant.ofEpochMilli(view.timestamp()).toString());
        }
        event.put("subject", "acs:alikafka:sinkline:topic:" + view.topic());
        return event;
    }

    /** Stable per record: a name-based UUID of the topic, then partition and offset, as the service does. */
    static String id(RecordView view) {
        UUID topicId = UUID.nameUUIDFromBytes(view.topic().getBytes(StandardCharsets.UTF_8));
        return topicId + "-" + view.partition() + "-" + view.offset();
    }

    static String contentType(PayloadFormat format) {
        return switch (format) {
            case JSON -> "application/json; charset=utf-8";
            case TEXT -> "text/plain; charset=utf-8";
            case BINARY -> "application/octet-stream";
        };
    }
}
