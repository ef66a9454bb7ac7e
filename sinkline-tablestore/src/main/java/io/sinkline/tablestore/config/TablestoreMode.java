package io.sinkline.tablestore.config;

/** The kind of destination table ({@code tablestore.mode}). */
public enum TablestoreMode {
    /** Wide-column data tables. */
    NORMAL,
    /** Time-series tables. */
    TIMESERIES
}
