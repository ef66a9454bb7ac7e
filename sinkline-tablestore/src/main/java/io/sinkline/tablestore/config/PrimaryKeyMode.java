package io.sinkline.tablestore.config;

/** Where the row's primary key comes from. */
public enum PrimaryKeyMode {
    /** {@code topic_partition} (string "topic_partition") and {@code offset} (integer). */
    KAFKA,
    /** Named fields of the record key (or the whole key when it is a single primitive). */
    RECORD_KEY,
    /** Named fields of the record value. */
    RECORD_VALUE,
    /** JSONPath rules over the record document or the CloudEvents envelope (seed 000). */
    JSONPATH
}
