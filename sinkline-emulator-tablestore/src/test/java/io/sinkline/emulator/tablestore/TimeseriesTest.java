package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.ColumnType;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.TimeseriesTableMeta;
import com.alicloud.openservices.tablestore.model.TimeseriesTableOptions;
import com.alicloud.openservices.tablestore.model.timeseries.*;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeseriesTest {
    static TablestoreEmulator ots;
    static TimeseriesClient client;

    @BeforeAll
    static void start() {
        ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().build());
        client = new TimeseriesClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        ots.close();
    }

    @Test
    void managesTimeseriesTables() {
        client.createTimeseriesTable(new CreateTimeseriesTableRequest(new TimeseriesTableMeta("ts_meta", new TimeseriesTableOptions(86400 * 7))));
        DescribeTimeseriesTableResponse d = client.describeTimeseriesTable(new DescribeTimeseriesTableRequest("ts_meta"));
        assertThat(d.getTimeseriesTableMeta().getTimeseriesTableOptions().getTimeToLive()).isEqualTo(86400 * 7);
        assertThat(client.listTimeseriesTable().getTimeseriesTableMetas())
                .extracting(TimeseriesTableMeta::getTimeseriesTableName).contains("ts_meta");

        client.updateTimeseriesTable(new UpdateTimeseriesTableRequest("ts_meta", new TimeseriesTableOptions(-1)));
        assertThat(client.describeTimeseriesTable(new DescribeTimeseriesTableRequest("ts_meta"))
                .getTimeseriesTableMeta().getTimeseriesTableOptions().getTimeToLive()).isEqualTo(-1);

        assertThatThrownBy(() -> client.createTimeseriesTable(new CreateTimeseriesTableRequest(new TimeseriesTableMeta("ts_meta"))))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OTSObjectAlreadyExist"));
        client.deleteTimeseriesTable(new DeleteTimeseriesTableRequest("ts_meta"));
        assertThatThrownBy(() -> client.describeTimeseriesTable(new DescribeTimeseriesTableRequest("ts_meta")))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OTSObjectNotExist"));
    }

    @Test
    void writesAndReadsBackPointsWithPaging() {
        client.createTimeseriesTable(new CreateTimeseriesTableRequest(new TimeseriesTableMeta("metrics")));
        TimeseriesKey cpuHost1 = new TimeseriesKey("cpu", "host1", Map.of("region", "hz", "az", "a"));
        TimeseriesKey memHost2 = new TimeseriesKey("mem", "host2", Map.of("region", "sh"));
        long base = System.currentTimeMillis() * 1000;
        PutTimeseriesDataRequest put = new PutTimeseriesDataRequest("metrics");
        List<TimeseriesRow> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            TimeseriesRow row = new TimeseriesRow(cpuHost1, base + i);
            row.addField("usage", ColumnValue.fromDouble(i / 10.0));
            row.addField("count", ColumnValue.fromLong(i));
            row.addField("ok", ColumnValue.fromBoolean(i % 2 == 0));
            row.addField("note", ColumnValue.fromString("n" + i));
            row.addField("raw", ColumnValue.fromBinary(new byte[] {(byte) i}));
            rows.add(row);
        }
        TimeseriesRow mem = new TimeseriesRow(memHost2, base);
        mem.addField("used", ColumnValue.fromLong(1024));
        rows.add(mem);
        put.setRows(rows);
        PutTimeseriesDataResponse r = client.putTimeseriesData(put);
        assertThat(r.isAllSuccess()).isTrue();

        List<TimeseriesRow> read = new ArrayList<>();
        byte[] token = null;
        int pages = 0;
        do {
            GetTimeseriesDataRequest get = new GetTimeseriesDataRequest("metrics");
            get.setTimeseriesKey(cpuHost1);
            get.setTimeRange(base, base + 1000);
            get.setLimit(10);
            if (token != null) {
                get.setNextToken(token);
            }
            GetTimeseriesDataResponse resp = client.getTimeseriesData(get);
            read.addAll(resp.getRows());
            token = resp.getNextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(read).hasSize(25);
        TimeseriesRow seventh = read.get(7);
        assertThat(seventh.getTimeInUs()).isEqualTo(base + 7);
        assertThat(seventh.getTimeseriesKey()).isEqualTo(cpuHost1);
        assertThat(seventh.getFields().get("usage").asDouble()).isEqualTo(0.7);
        assertThat(seventh.getFields().get("count").asLong()).isEqualTo(7);
        assertThat(seventh.getFields().get("ok").asBoolean()).isFalse();
        assertThat(seventh.getFields().get("note").asString()).isEqualTo("n7");
        assertThat(seventh.getFields().get("raw").asBinary()).containsExactly(7);

        GetTimeseriesDataRequest onlyCount = new GetTimeseriesDataRequest("metrics");
        onlyCount.setTimeseriesKey(cpuHost1);
        onlyCount.setTimeRange(base, base + 3);
        onlyCount.addFieldToGet("count", ColumnType.INTEGER);
        onlyCount.setBackward(true);
        List<TimeseriesRow> counts = client.getTimeseriesData(onlyCount).getRows();
        assertThat(counts).extracting(TimeseriesRow::getTimeInUs).containsExactly(base + 2, base + 1, base);
        assertThat(counts.get(0).getFields()).containsOnlyKeys("count");

        QueryTimeseriesMetaRequest q = new QueryTimeseriesMetaRequest("metrics");
        q.setCondition(new MeasurementMetaQueryCondition(MetaQuerySingleOperator.OP_EQUAL, "cpu"));
        q.setGetTotalHits(true);
        QueryTimeseriesMetaResponse metas = client.queryTimeseriesMeta(q);
        assertThat(metas.getTotalHits()).isEqualTo(1);
        assertThat(metas.getTimeseriesMetas().get(0).getTimeseriesKey()).isEqualTo(cpuHost1);

        QueryTimeseriesMetaRequest byTag = new QueryTimeseriesMetaRequest("metrics");
        byTag.setCondition(new TagMetaQueryCondition(MetaQuerySingleOperator.OP_PREFIX, "region", "s"));
        assertThat(client.queryTimeseriesMeta(byTag).getTimeseriesMetas())
                .extracting(m -> m.getTimeseriesKey().getMeasurementName()).containsExactly("mem");
    }

    @Test
    void reportsFailedRowsByIndex() {
        client.createTimeseriesTable(new CreateTimeseriesTableRequest(new TimeseriesTableMeta("partial")));
        // A code the SDK does not retry on its own, so the failure reaches the caller.
        ots.faults().failRows("PutTimeseriesData", 1.0, "OTSParameterInvalid", 1);
        try {
            PutTimeseriesDataRequest put = new PutTimeseriesDataRequest("partial");
            for (int i = 0; i < 3; i++) {
                TimeseriesRow row = new TimeseriesRow(new TimeseriesKey("m", "s" + i), System.currentTimeMillis() * 1000);
                row.addField("v", ColumnValue.fromLong(i));
                put.addRow(row);
            }
            PutTimeseriesDataResponse r = client.putTimeseriesData(put);
            assertThat(r.isAllSuccess()).isFalse();
            assertThat(r.getFailedRows()).hasSize(1);
            assertThat(r.getFailedRows().get(0).getIndex()).isZero();
            assertThat(r.getFailedRows().get(0).getError().getCode()).isEqualTo("OTSParameterInvalid");
        } finally {
            ots.faults().clear();
        }
    }
}
