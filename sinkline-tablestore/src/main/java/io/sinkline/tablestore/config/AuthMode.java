package io.sinkline.tablestore.config;

public enum AuthMode {
    /** A fixed AccessKey pair. */
    AKSK,
    /** Temporary credentials from STS AssumeRole, refreshed before they expire. */
    STS
}
