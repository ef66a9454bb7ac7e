package io.sinkline.maxcompute.partition;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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
    private final Clock clock;

    public PartitionValueResolver(PartitionWindow window, ZoneId zone, PartitionTimeSource timeSource,
                                  PartitionValueStyle style, Clock clock) {
        this.timeSource = timeSource;
        // The pattern only prints the window's fields, so formatting truncates to the window.
        this.formatter = DateTimeFormatter.ofPattern(style.pattern(window)).withZone(zone);
        this.clock = clock;
    }

    /** The partition value of one record. A record without a timestamp uses the write time. */
    public String valueFor(SinkRecord record) {
        Long timestamp = record.timestamp();
        Instant time = timeSource == PartitionTimeSource.RECORD_TIME && timestamp != null && timestamp >= 0
                ? Instant.ofEpochMilli(timestamp)
                : clock.instant();
        return valueAt(time);
    }

    public String valueAt(Instant time) {
        return formatter.format(time);
    }
}
