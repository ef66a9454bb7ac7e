package io.sinkline.maxcompute.config;

/** How a Kafka record's key or value is laid out in the table (seed 003's {@code format}). */
public enum RecordFormat {
    /** Key and value as strings into the {@code key} / {@code value} columns. */
    TEXT,
    /** Key and value as bytes into the {@code key} / {@code value} columns. */
    BINARY,
    /** One delimited line split into the custom columns, in table order. */
    CSV,
    /** Key and value as JSON documents into {@code key} / {@code value} columns of type STRING or JSON. */
    JSON,
    /** Top-level keys of a JSON object into the custom columns of the same name. */
    FLATTEN;

    /** DEFAULT mode writes both key and value columns, which only the column-per-part formats have. */
    public boolean supportsDefaultMode() {
        return this == TEXT || this == BINARY || this == JSON;
    }
}
