package io.sinkline.tablestore.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.model.ColumnType;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.sinkline.core.record.PayloadFormat;
import io.sinkline.core.record.RecordView;
import io.sinkline.tablestore.config.TimeseriesTableMapping;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TimeseriesMapperTest {
    private static final Map<String, String> PROPS = Map.of(
            "tablestore.timeseries.ts.measurement", "m",
            "tablestore.timeseries.ts.dataSource", "host",
            "tablestore.timeseries.ts.tags", "region",
            "tablestore.timeseries.ts.time", "ts",
            "tablestore.timeseries.ts.time.unit", "SECONDS",
            "tablestore.timeseries.ts.field.name", "cpu",
            "tablestore.timeseries.ts.field.type", "double");

    private static RecordView view(String value) {
        return RecordView.of(new SinkRecord("metrics", 0, null, null, null, value, 1), PayloadFormat.JSON);
    }

    @Test
    void mapsMeasurementSourceTagsTimeAndFields() {
        TimeseriesMapper mapper = new TimeseriesMapper(TimeseriesTableMapping.from(PROPS, "ts"), true, true);
        TimeseriesRow row = mapper.map(view("{\"m\":\"cpu\",\"host\":\"h1\",\"region\":\"eu\",\"ts\":1700000000,"
                + "\"cpu\":3,\"Load\":2,\"up\":true}"));
        assertThat(row.getTimeseriesKey().getMeasurementName()).isEqualTo("cpu");
        assertThat(row.getTimeseriesKey().getDataSource()).isEqualTo("h1");
        assertThat(row.getTimeseriesKey().getTags()).containsEntry("region", "eu");
        assertThat(row.getTimeInUs()).isEqualTo(1_700_000_000_000_000L);
        assertThat(row.getFields().get("cpu").getType()).isEqualTo(ColumnType.DOUBLE);
        assertThat(row.getFields().get("load").getType()).isEqualTo(ColumnType.INTEGER);
        assertThat(row.getFields().get("up").asBoolean()).isTrue();
        assertThat(row.getFields()).doesNotContainKeys("m", "host", "region", "ts");
    }

    @Test
    void withoutMapAllOnlyDeclaredFieldsAndTopicAsMeasurement() {
        Map<String, String> props = new java.util.HashMap<>(PROPS);
        props.put("tablestore.timeseries.ts.measurement", "<topic>");
        TimeseriesMapper mapper = new TimeseriesMapper(TimeseriesTableMapping.from(props, "ts"), false, false);
        TimeseriesRow row = mapper.map(view("{\"host\":\"h1\",\"ts\":5,\"cpu\":1.5,\"Other\":1}"));
        assertThat(row.getTimeseriesKey().getMeasurementName()).isEqualTo("metrics");
        assertThat(row.getFields()).containsOnlyKeys("cpu");
    }

    @Test
    void missingTimeIsAReason() {
        TimeseriesMapper mapper = new TimeseriesMapper(TimeseriesTableMapping.from(PROPS, "ts"), true, true);
        assertThatThrownBy(() -> mapper.map(view("{\"m\":\"cpu\",\"host\":\"h\",\"cpu\":1}")))
                .hasMessageContaining("no time field 'ts'");
    }
}
