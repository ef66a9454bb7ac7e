package io.sinkline.emulator.tablestore.timeseries;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** A time-series table: options and its series. {@code timeToLiveSeconds} -1 keeps data forever. */
public final class TimeseriesTable {
    private final String name;
    private final List<String> timeseriesKeySchema;
    private final long creationTimeMicros;
    private final ConcurrentSkipListMap<SeriesKey, Series> series = new ConcurrentSkipListMap<>();
    private volatile int timeToLiveSeconds;
    private volatile int metaTimeToLiveSeconds;
    private volatile boolean allowUpdateAttributes;

    public TimeseriesTable(String name, int timeToLiveSeconds, int metaTimeToLiveSeconds, boolean allowUpdateAttributes,
                           List<String> timeseriesKeySchema, long creationTimeMicros) {
        this.name = name;
        this.timeToLiveSeconds = timeToLiveSeconds;
        this.metaTimeToLiveSeconds = metaTimeToLiveSeconds;
        this.allowUpdateAttributes = allowUpdateAttributes;
        this.timeseriesKeySchema = List.copyOf(timeseriesKeySchema);
        this.creationTimeMicros = creationTimeMicros;
    }

    public String name() {
        return name;
    }

    public int timeToLiveSeconds() {
        return timeToLiveSeconds;
    }

    public void timeToLiveSeconds(int ttl) {
        this.timeToLiveSeconds = ttl;
    }

    public int metaTimeToLiveSeconds() {
        return metaTimeToLiveSeconds;
    }

    public void metaTimeToLiveSeconds(int ttl) {
        this.metaTimeToLiveSeconds = ttl;
    }

    public boolean allowUpdateAttributes() {
        return allowUpdateAttributes;
    }

    public void allowUpdateAttributes(boolean allow) {
        this.allowUpdateAttributes = allow;
    }

    public List<String> timeseriesKeySchema() {
        return timeseriesKeySchema;
    }

    public long creationTimeMicros() {
        return creationTimeMicros;
    }

    /** The series, created (with its meta) on first write. */
    public Series seriesFor(SeriesKey key, long nowMicros) {
        return series.computeIfAbsent(key, k -> new Series(k, nowMicros));
    }

    public Series find(SeriesKey key) {
        return series.get(key);
    }

    public Iterable<Series> allSeries() {
        return series.values();
    }

    public boolean removeSeries(SeriesKey key) {
        return series.remove(key) != null;
    }

    /** Points at or before this time (µs) are expired by the table's TTL. */
    public long expiredBeforeMicros(long nowMillis) {
        int ttl = timeToLiveSeconds;
        return ttl <= 0 ? Long.MIN_VALUE : (nowMillis - ttl * 1000L) * 1000L;
    }
}
