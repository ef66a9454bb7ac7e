package io.sinkline.tablestore.config;

/** Where tolerated bad records go ({@code runtime.error.mode}). */
public enum ErrorMode {
    /** Logged with coordinates and reason, then skipped. */
    IGNORE,
    /** To {@code runtime.error.topic.name}. */
    KAFKA,
    /** To the Tablestore table {@code runtime.error.table.name}. */
    TABLESTORE,
    /** To Connect's dead letter queue ({@code errors.deadletterqueue.topic.name}). */
    DLQ
}
