package io.sinkline.maxcompute.config;

/** Which clock picks a record's partition. */
public enum PartitionTimeSource {
    /**
     * The Kafka record timestamp (the default): deterministic, so a replay after a crash or a
     * rebalance lands every record in the same partition as the first time.
     */
    RECORD_TIME,
    /** The connector's clock when the record is written, as the official connector does. */
    WRITE_TIME
}
