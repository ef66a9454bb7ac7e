package io.sinkline.maxcompute.config;

/** Which part of a Kafka record is written (seed 002/003's {@code mode}). */
public enum RecordMode {
    KEY, VALUE, DEFAULT;

    public boolean writesKey() {
        return this == KEY || this == DEFAULT;
    }

    public boolean writesValue() {
        return this == VALUE || this == DEFAULT;
    }
}
