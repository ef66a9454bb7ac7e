package io.sinkline.emulator.tablestore.engine;

/** Versions in [start, end), in milliseconds. */
public record TimeRange(long start, long end) {
    public static final TimeRange ALL = new TimeRange(0, Long.MAX_VALUE);

    public static TimeRange exactly(long ts) {
        return new TimeRange(ts, ts + 1);
    }

    public boolean contains(long ts) {
        return ts >= start && ts < end;
    }
}
