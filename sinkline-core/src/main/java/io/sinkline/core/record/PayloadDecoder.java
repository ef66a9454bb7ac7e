package io.sinkline.core.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Decodes one key or value into a JSON tree according to a {@link PayloadFormat}. */
public final class PayloadDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PayloadFormat format;

    public PayloadDecoder(PayloadFormat format) {
        this.format = format;
    }

    public PayloadFormat format() {
        return format;
    }

    /** @param what "key" or "value", for error messages */
    public JsonNode decode(Object value, String what) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (format) {
            case JSON -> decodeJson(value, what);
            case TEXT -> NODES.textNode(text(value));
            case BINARY -> NODES.textNode(Base64.getEncoder().encodeToString(bytes(value)));
        };
    }

    private static JsonNode decodeJson(Object value, String what) {
        if (value instanceof byte[] bytes) {
            return parse(new String(bytes, StandardCharsets.UTF_8), what);
        }
        if (value instanceof String s) {
            return parse(s, what);
        }
        return ConnectValues.toTree(value);
    }

    /**
     * Text that is not JSON stays a string (seed 000 shows {@code "key": "ots-sink-k1"} under the
     * Json format); text that starts like an object or array but does not parse is malformed.
     */
    private static JsonNode parse(String text, String what) {
        String trimmed = text.strip();
        if (!looksLikeJson(trimmed)) {
            return NODES.textNode(text);
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            return node;
        } catch (JsonProcessingException e) {
            throw new RecordFormatException("the record " + what + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RecordFormatException("the record " + what + " could not be read as JSON", e);
        }
    }

    private static boolean looksLikeJson(String trimmed) {
        if (trimmed.isEmpty()) {
            return false;
        }
        char first = trimmed.charAt(0);
        return first == '{' || first == '[' || first == '"' || first == '-' || Character.isDigit(first)
                || trimmed.equals("true") || trimmed.equals("false") || trimmed.equals("null");
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof String s) {
            return s;
        }
        return ConnectValues.toTree(value).toString();
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        return text(value).getBytes(StandardCharsets.UTF_8);
    }
}
