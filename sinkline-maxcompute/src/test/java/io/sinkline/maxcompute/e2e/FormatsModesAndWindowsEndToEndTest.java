package io.sinkline.maxcompute.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sinkline.maxcompute.config.RecordFormat;
import io.sinkline.maxcompute.config.RecordMode;
import io.sinkline.testing.ProducedRecord;

/**
 * Every format x mode the seeds allow, through both the batch and the streaming Tunnel, with the
 * three window types and several time zones spread over the cases: one connector per case, all
 * running at once in one Connect cluster, each checked with SQL.
 */
class FormatsModesAndWindowsEndToEndTest extends EndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2024-02-29T23:45:30Z: a different day, hour and minute in every zone used below. */
    private static final Instant TIME = Instant.parse("2024-02-29T23:45:30Z");
    private static final String[] WINDOWS = {"MINUTE", "HOUR", "DAY"};
    private static final String[] ZONES = {"GMT+08:00", "UTC", "America/New_York", "Asia/Kolkata"};


    /** One connector: a format, a mode, a tunnel, a window and a zone. */
    record Case(RecordFormat format, RecordMode mode, boolean streaming, String window, String zone, boolean sortable) {
        String name() {
            return ("fm_" + format + "_" + mode + "_" + (streaming ? "stream" : "batch")).toLowerCase(Locale.ROOT);
        }

        String expectedPt() {
            String date = sortable ? "yyyy-MM-dd" : "MM-dd-yyyy";
            String pattern = switch (window) {
                case "DAY" -> date;
                case "HOUR" -> date + " HH";
                default -> date + " HH:mm";
            };
            return DateTimeFormatter.ofPattern(pattern).withZone(ZoneId.of(zone)).format(TIME);
        }

        String ddl() {
            String fixed = "topic STRING, `partition` BIGINT, `offset` BIGINT, ";
            String custom = switch (format) {
                case TEXT -> "key STRING, value STRING";
                case BINARY -> "key BINARY, value BINARY";
                case JSON -> "key STRING, value JSON";
                case CSV -> "id BIGINT, name STRING";
                case FLATTEN -> "id BIGINT, name STRING, info JSON";
            };
            return "CREATE TABLE IF NOT EXISTS " + name() + "(" + fixed + custom + ") PARTITIONED BY (pt STRING);";
        }

        /** Key and value of record i. */
        String[] message(int i) {
            return switch (format) {
                case TEXT, BINARY -> new String[] {"k" + i, "v" + i};
                case JSON -> new String[] {"{\"k\":" + i + "}", "{\"v\":" + i + "}"};
                case CSV -> new String[] {i + ",key-" + i, i + ",value-" + i};
                case FLATTEN -> new String[] {"{\"id\":" + i + ",\"name\":\"key-" + i + "\"}",
                        "{\"id\":" + i + ",\"name\":\"value-" + i + "\",\"info\":{\"n\":" + i + "}}"};
            };
        }
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        int i = 0;
        for (boolean streaming : new boolean[] {false, true}) {
            for (RecordFormat format : RecordFormat.values()) {
                for (RecordMode mode : RecordMode.values()) {
                    if (mode == RecordMode.DEFAULT && !format.supportsDefaultMode()) {
                        continue;
                    }
                    cases.add(new Case(format, mode, streaming, WINDOWS[i % WINDOWS.length], ZONES[i % ZONES.length], i % 5 == 4));
                    i++;
                }
            }
        }
        return cases;
    }

    @Test
    void everyFormatAndModeThroughBothTunnelsInEveryWindowType() throws Exception {
        List<Case> cases = cases();
        assertThat(cases).hasSize(26);
        for (Case c : cases) {
            mc.sql(c.ddl());
            kafka.createTopic(c.name(), 1);
            for (int i = 0; i < 3; i++) {
                String[] message = c.message(i);
                kafka.producer().send(ProducedRecord.to(c.name()).partition(0).timestamp(TIME.toEpochMilli())
                        .key(message[0]).value(message[1]));
            }
        }
        kafka.producer().flush();
        for (Case c : cases) {
            Map<String, String> config = mc.connectorConfig(c.name(), c.name());
            config.put("format", c.format().name());
            config.put("mode", c.mode().name());
            config.put("use_streaming", Boolean.toString(c.streaming()));
            config.put("partition_window_type", c.window());
            config.put("time_zone", c.zone());
            config.put("partition_value_style", c.sortable() ? "SORTABLE" : "SEED");
            config.put("sink_pool_size", "1");
            kafka.deployConnector(c.name(), config);
        }
        for (Case c : cases) {
            mc.awaitCount(c.name(), 3, TIMEOUT, () -> stack.status(c.name()));
            verify(c);
        }
    }

    private void verify(Case c) throws Exception {
        List<List<String>> rows = mc.rows("SELECT * FROM " + c.name() + " ORDER BY `offset`;");
        assertThat(rows).as(c.toString()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            List<String> row = rows.get(i);
            String[] message = c.message(i);
            assertThat(row.subList(0, 3)).as(c.toString()).containsExactly(c.name(), "0", Integer.toString(i));
            assertThat(row.get(row.size() - 1)).as(c + " pt").isEqualTo(c.expectedPt());
            String key = c.mode().writesKey() ? message[0] : null;
            String value = c.mode().writesValue() ? message[1] : null;
            switch (c.format()) {
                case TEXT, BINARY -> assertThat(row.subList(3, 5)).as(c.toString()).isEqualTo(Arrays.asList(key, value));
                case JSON -> {
                    assertThat(row.get(3)).as(c.toString()).isEqualTo(key);
                    if (value == null) {
                        assertThat(row.get(4)).as(c.toString()).isNull();
                    } else {
                        assertThat(JSON.readTree(row.get(4))).as(c.toString()).isEqualTo(JSON.readTree(value));
                    }
                }
                case CSV -> assertThat(row.subList(3, 5)).as(c.toString())
                        .containsExactly(Integer.toString(i), (c.mode() == RecordMode.KEY ? "key-" : "value-") + i);
                case FLATTEN -> {
                    assertThat(row.subList(3, 5)).as(c.toString())
                            .containsExactly(Integer.toString(i), (c.mode() == RecordMode.KEY ? "key-" : "value-") + i);
                    if (c.mode() == RecordMode.KEY) {
                        assertThat(row.get(5)).as(c.toString()).isNull();
                    } else {
                        assertThat(JSON.readTree(row.get(5))).as(c.toString()).isEqualTo(JSON.readTree("{\"n\":" + i + "}"));
                    }
                }
            }
        }
    }
}
