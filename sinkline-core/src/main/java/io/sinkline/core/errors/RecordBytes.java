package io.sinkline.core.errors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

/**
 * Recovers the bytes of a record's key, value or header as far as possible: bytes as they are,
 * strings as UTF-8 (what StringConverter read), anything else (structs, maps, numbers) as JSON.
 */
final class RecordBytes {

    private final JsonConverter json = new JsonConverter();

    RecordBytes() {
        json.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
    }

    synchronized byte[] of(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return json.fromConnectData(topic, schema, value);
    }
}
