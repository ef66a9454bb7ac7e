package io.sinkline.maxcompute.partition;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;

import org.apache.kafka.connect.sink.SinkRecord;

import io.sinkline.maxcompute.config.PartitionTimeSource;
import io.sinkline.maxcompute.config.PartitionValueStyle;
import io.sinkline.maxcompute.config.PartitionWindow;

/**
 * Picks a record's {@code pt} value: its time (record timestamp or write time) truncated to the
 * window in the configured zone, spelled in the configured style, e.g. {@code 07-13-2023 21:13}.
 */
public final class PartitionValueResolver {

    private final PartitionTimeSource timeSource;
    private final DateTimeFormatter formatter;
    private final ZoneId zone;
    private final ChronoUnit unit;
    private final Clock clock;

    // The window of the last value: consecutive records nearly always share it, and formatting a
    // time per record is one of the costlier steps of the per-record path. One task thread only.
    private long windowStartMillis = Long.MAX_VALUE;
    private long windowEndMillis = Long.MIN_VALUE;
    private String windowValue;

    public PartitionValueResolver(PartitionWindow window, ZoneId zone, PartitionTimeSource timeSource,
                                  PartitionValueStyle style, Clock clock) {
        this.timeSource = timeSource;
        // The pattern only prints the window's fields, so formatting truncates to the window.
        this.formatter = DateTimeFormatter.ofPattern(style.pattern(window)).withZone(zone);
        this.zone = zone;
        this.unit = window.unit();
        this.clock = clock;
    }

    /** The partition value of one record. A record without a timestamp uses the write time. */
    public String valueFor(SinkRecord record) {
        Long timestamp = record.timestamp();
        long millis = timeSource == PartitionTimeSource.RECORD_TIME && timestamp != null && timestamp >= 0
                ? timestamp
                : clock.millis();
        if (millis < windowStartMillis || millis >= windowEndMillis) {
            rememberWindowOf(millis);
        }
        return windowValue;
    }

    private void rememberWindowOf(long millis) {
        // Truncated in the zone and advanced by zone arithmetic, so DST days and odd offsets hold.
        ZonedDateTime start = Instant.ofEpochMilli(millis).atZone(zone).truncatedTo(unit);
        windowStartMillis = start.toInstant().toEpochMilli();
        windowEndMillis = start.plus(1, unit).toInstant().toEpochMilli();
        windowValue = valueAt(start.toInstant());
    }

    public String valueAt(Instant time) {
        return formatter.format(time);
    }
}
