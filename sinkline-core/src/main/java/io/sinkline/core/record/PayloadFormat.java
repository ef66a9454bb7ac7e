package io.sinkline.core.record;

/**
 * How a record's key and value become part of the JSON document that rules and filters read
 * (seed 000's "Data Format").
 */
public enum PayloadFormat {
    /** Bytes and strings are parsed as UTF-8 JSON; structured Connect values become JSON trees. */
    JSON,
    /** Bytes are decoded as UTF-8 text; structured values become their JSON text. */
    TEXT,
    /** Bytes (or the UTF-8 bytes of text, or of a structured value's JSON) are Base64-encoded. */
    BINARY
}
