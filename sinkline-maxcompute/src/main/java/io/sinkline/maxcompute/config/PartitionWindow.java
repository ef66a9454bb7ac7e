package io.sinkline.maxcompute.config;

import java.time.temporal.ChronoUnit;

/** The granularity of the {@code pt} partition value (seed 002/003's {@code partition_window_type}). */
public enum PartitionWindow {
    DAY(ChronoUnit.DAYS), HOUR(ChronoUnit.HOURS), MINUTE(ChronoUnit.MINUTES);

    private final ChronoUnit unit;

    PartitionWindow(ChronoUnit unit) {
        this.unit = unit;
    }

    public ChronoUnit unit() {
        return unit;
    }
}
