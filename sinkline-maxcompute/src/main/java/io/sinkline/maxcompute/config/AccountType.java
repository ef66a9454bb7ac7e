package io.sinkline.maxcompute.config;

/** How the connector authenticates to MaxCompute (seed 003's {@code account_type}). */
public enum AccountType {
    /** A long-term AccessKey pair: {@code access_id} / {@code access_key}. */
    ALIYUN,
    /** Temporary credentials from STS AssumeRole. */
    STS
}
