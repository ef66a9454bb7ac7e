package io.sinkline.emulator.tablestore.timeseries;

import com.alicloud.openservices.tablestore.model.ColumnValue;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** One time series: its points by time (µs) and its meta (attributes, update time). */
public final class Series {
    private final SeriesKey key;
    private final ConcurrentSkipListMap<Long, Map<String, ColumnValue>> points = new ConcurrentSkipListMap<>();
    private volatile SortedMap<String, String> attributes = new TreeMap<>();
    private volatile long updateTimeMicros;

    public Series(SeriesKey key, long updateTimeMicros) {
        this.key = key;
        this.updateTimeMicros = updateTimeMicros;
    }

    public SeriesKey key() {
        return key;
    }

    /** Writes one point; a point at the same time is replaced, as PutRow replaces a row. */
    public void put(long timeMicros, Map<String, ColumnValue> fields) {
        points.put(timeMicros, Map.copyOf(fields));
    }

    public ConcurrentSkipListMap<Long, Map<String, ColumnValue>> points() {
        return points;
    }

    public SortedMap<String, String> attributes() {
        return attributes;
    }

    public void attributes(SortedMap<String, String> attrs, long nowMicros) {
        this.attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attrs));
        this.updateTimeMicros = nowMicros;
    }

    public long updateTimeMicros() {
        return updateTimeMicros;
    }

}
