package io.sinkline.tablestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.ColumnType;
import com.alicloud.openservices.tablestore.model.timeseries.GetTimeseriesDataRequest;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesKey;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.sinkline.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Time-series tables end to end; rows read back through the SDK's TimeseriesClient. */
class TimeseriesEndToEndTest extends EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long BASE_SECONDS = 1_700_000_000L;
    private TimeseriesClient timeseries;

    @BeforeAll
    void startTimeseriesClient() {
        timeseries = new TimeseriesClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
    }

    @AfterAll
    void stopTimeseriesClient() {
        if (timeseries != null) {
            timeseries.shutdown();
        }
    }

    private List<TimeseriesRow> read(String table, TimeseriesKey key, int expected) {
        return Await.until(table + " has " + expected + " points of " + key, WAIT, () -> {
            try {
                GetTimeseriesDataRequest get = new GetTimeseriesDataRequest(table);
                get.setTimeseriesKey(key);
                get.setTimeRange(0, (BASE_SECONDS + 1000) * 1_000_000L);
                get.setLimit(1000);
                List<TimeseriesRow> rows = timeseries.getTimeseriesData(get).getRows();
                return rows.size() >= expected ? rows : null;
            } catch (RuntimeException e) {
                return null; // the table is created with the first record
            }
        }, () -> "not yet");
    }

    private Map<String, String> config(String topic, String table) {
        Map<String, String> config = tables.connectorConfig(topic);
        config.put("tablestore.mode", "timeseries");
        config.put("topics.assign.tables", topic + ":" + table);
        config.put("tablestore.timeseries." + table + ".dataSource", "host");
        config.put("tablestore.timeseries." + table + ".tags", "region");
        config.put("tablestore.timeseries." + table + ".time", "ts");
        config.put("tablestore.timeseries." + table + ".time.unit", "SECONDS");
        config.put("tablestore.timeseries." + table + ".field.name", "cpu");
        config.put("tablestore.timeseries." + table + ".field.type", "double");
        return config;
    }

    private void produce(String topic) {
        kafka.createTopic(topic, 2);
        for (int i = 0; i < 10; i++) {
            for (String host : List.of("h1", "h2")) {
                producing.send(topic, null, host, "{\"m\":\"cpu_usage\",\"host\":\"" + host + "\",\"region\":\"eu\","
                        + "\"ts\":" + (BASE_SECONDS + i) + ",\"cpu\":" + i + ",\"Load\":" + (i * 2) + ",\"up\":true}");
            }
        }
        producing.flush();
    }

    @Test
    void measurementFromAFieldMapAllAndLowerCaseNames() {
        produce("metrics");
        Map<String, String> config = config("metrics", "metrics_ts");
        config.put("tablestore.timeseries.metrics_ts.measurement", "m");
        config.put("tablestore.timeseries.mapAll", "true");
        config.put("tablestore.timeseries.toLowerCase", "true");
        kafka.deployConnector("ts-map-all", config);

        TimeseriesKey key = new TimeseriesKey("cpu_usage", "h1", new TreeMap<>(Map.of("region", "eu")));
        List<TimeseriesRow> rows = read("metrics_ts", key, 10);
        assertThat(rows).hasSize(10);
        TimeseriesRow third = rows.stream().filter(r -> r.getTimeInUs() == (BASE_SECONDS + 3) * 1_000_000L)
                .findFirst().orElseThrow();
        assertThat(third.getFields().get("cpu").getType()).isEqualTo(ColumnType.DOUBLE);
        assertThat(third.getFields().get("cpu").asDouble()).isEqualTo(3.0);
        assertThat(third.getFields().get("load").asLong()).isEqualTo(6);
        assertThat(third.getFields().get("up").asBoolean()).isTrue();
        assertThat(third.getFields()).doesNotContainKeys("m", "host", "region", "ts", "Load");
        assertThat(read("metrics_ts", new TimeseriesKey("cpu_usage", "h2", new TreeMap<>(Map.of("region", "eu"))), 10))
                .hasSize(10);
        kafka.deleteConnector("ts-map-all");
    }

    @Test
    void measurementFromTheTopicWithDeclaredFieldsOnly() {
        produce("cpu");
        Map<String, String> config = config("cpu", "declared_ts");
        config.put("tablestore.timeseries.declared_ts.measurement", "<topic>");
        config.put("tablestore.timeseries.mapAll", "false");
        kafka.deployConnector("ts-declared", config);

        List<TimeseriesRow> rows = read("declared_ts", new TimeseriesKey("cpu", "h2", new TreeMap<>(Map.of("region", "eu"))), 10);
        assertThat(rows).hasSize(10).allSatisfy(row -> assertThat(row.getFields()).containsOnlyKeys("cpu"));
        kafka.deleteConnector("ts-declared");
    }
}
