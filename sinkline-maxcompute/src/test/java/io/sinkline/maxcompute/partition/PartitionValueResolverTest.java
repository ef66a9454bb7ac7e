package io.sinkline.maxcompute.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sinkline.maxcompute.config.PartitionTimeSource;
import io.sinkline.maxcompute.config.PartitionValueStyle;
import io.sinkline.maxcompute.config.PartitionWindow;

class PartitionValueResolverTest {

    /** 2023-07-13T13:13:45Z is 21:13 in GMT+08:00, seed 003's first example. */
    private static final Instant SEED_TIME = Instant.parse("2023-07-13T13:13:45Z");
    private static final Clock WALL = Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static SinkRecord at(Long timestamp) {
        return new SinkRecord("t", 0, null, "k", null, "v", 0, timestamp,
                timestamp == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME);
    }

    @ParameterizedTest
    @CsvSource({
            "DAY, SEED, GMT+08:00, 07-13-2023",
            "HOUR, SEED, GMT+08:00, 07-13-2023 21",
            "MINUTE, SEED, GMT+08:00, 07-13-2023 21:13",
            "MINUTE, SORTABLE, GMT+08:00, 2023-07-13 21:13",
            "HOUR, SORTABLE, UTC, 2023-07-13 13",
            "DAY, SORTABLE, America/Los_Angeles, 2023-07-13",
            "HOUR, SEED, Asia/Kolkata, 07-13-2023 18",
    })
    void recordTimeInTheWindowAndZone(PartitionWindow window, PartitionValueStyle style, String zone, String expected) {
        PartitionValueResolver resolver = new PartitionValueResolver(window, ZoneId.of(zone),
                PartitionTimeSource.RECORD_TIME, style, WALL);

        assertThat(resolver.valueFor(at(SEED_TIME.toEpochMilli()))).isEqualTo(expected);
    }

    @Test
    void dayBoundaryFollowsTheZone() {
        Instant lateUtc = Instant.parse("2023-07-13T20:00:00Z"); // already the 14th in GMT+08:00
        PartitionValueResolver resolver = new PartitionValueResolver(PartitionWindow.DAY, ZoneId.of("GMT+08:00"),
                PartitionTimeSource.RECORD_TIME, PartitionValueStyle.SEED, WALL);

        assertThat(resolver.valueFor(at(lateUtc.toEpochMilli()))).isEqualTo("07-14-2023");
    }

    @Test
    void writeTimeUsesTheClock() {
        PartitionValueResolver resolver = new PartitionValueResolver(PartitionWindow.MINUTE, ZoneId.of("UTC"),
                PartitionTimeSource.WRITE_TIME, PartitionValueStyle.SORTABLE, WALL);

        assertThat(resolver.valueFor(at(SEED_TIME.toEpochMilli()))).isEqualTo("2030-01-02 03:04");
    }

    @Test
    void aRecordWithoutTimestampUsesTheClock() {
        PartitionValueResolver resolver = new PartitionValueResolver(PartitionWindow.HOUR, ZoneId.of("UTC"),
                PartitionTimeSource.RECORD_TIME, PartitionValueStyle.SEED, WALL);

        assertThat(resolver.valueFor(at(null))).isEqualTo("01-02-2030 03");
    }
    @Test
    void consecutiveRecordsAcrossWindowsAndOutOfOrderEachGetTheirOwnWindow() {
        PartitionValueResolver resolver = new PartitionValueResolver(PartitionWindow.MINUTE, ZoneId.of("GMT+08:00"),
                PartitionTimeSource.RECORD_TIME, PartitionValueStyle.SORTABLE, WALL);
        long lastMilli = Instant.parse("2023-07-13T15:59:59.999Z").toEpochMilli(); // 23:59:59.999 local

        assertThat(resolver.valueFor(at(lastMilli))).isEqualTo("2023-07-13 23:59");
        assertThat(resolver.valueFor(at(lastMilli + 1))).isEqualTo("2023-07-14 00:00");
        assertThat(resolver.valueFor(at(lastMilli - 59_999))).isEqualTo("2023-07-13 23:59");
        assertThat(resolver.valueFor(at(lastMilli - 60_000))).isEqualTo("2023-07-13 23:58");
        assertThat(resolver.valueFor(at(lastMilli + 60_001))).isEqualTo("2023-07-14 00:01");
    }

    @Test
    void aDaylightSavingDayOf23HoursEndsAtLocalMidnight() {
        PartitionValueResolver resolver = new PartitionValueResolver(PartitionWindow.DAY, ZoneId.of("America/Los_Angeles"),
                PartitionTimeSource.RECORD_TIME, PartitionValueStyle.SORTABLE, WALL);
        long midnightAfter = Instant.parse("2023-03-13T07:00:00Z").toEpochMilli(); // 00:00 PDT after the spring-forward day

        assertThat(resolver.valueFor(at(Instant.parse("2023-03-12T09:00:00Z").toEpochMilli()))).isEqualTo("2023-03-12");
        assertThat(resolver.valueFor(at(midnightAfter - 1))).isEqualTo("2023-03-12");
        assertThat(resolver.valueFor(at(midnightAfter))).isEqualTo("2023-03-13");
    }
}
