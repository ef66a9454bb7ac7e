package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.*;
import com.alicloud.openservices.tablestore.model.timeseries.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.sinkline.emulator.tablestore.TableAndRowTest.pk;
import static org.assertj.core.api.Assertions.assertThat;

class DataDirTest {

    @Test
    void dataSurvivesARestartWithTheSameDataDir(@TempDir Path dir) {
        TimeseriesKey key = new TimeseriesKey("cpu", "host", Map.of("dc", "hz"));
        long t0 = System.currentTimeMillis() * 1000;
        long v1 = System.currentTimeMillis() - 2000;
        try (TablestoreEmulator ots = start(dir)) {
            SyncClient client = EmulatorFixture.client(ots);
            TimeseriesClient ts = new TimeseriesClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
            try {
                EmulatorFixture.createTable(client, "kept", 2);
                for (int i = 0; i < 10; i++) {
                    RowPutChange put = new RowPutChange("kept", pk("k", i));
                    put.addColumn("n", ColumnValue.fromLong(i), v1);
                    put.addColumn("s", ColumnValue.fromString("é" + i), v1);
                    client.putRow(new PutRowRequest(put));
                }
                RowUpdateChange second = new RowUpdateChange("kept", pk("k", 3));
                second.put("n", ColumnValue.fromLong(33), v1 + 1000);
                client.updateRow(new UpdateRowRequest(second));

                ts.createTimeseriesTable(new CreateTimeseriesTableRequest(new TimeseriesTableMeta("kept_ts")));
                PutTimeseriesDataRequest put = new PutTimeseriesDataRequest("kept_ts");
                TimeseriesRow row = new TimeseriesRow(key, t0);
                row.addField("load", ColumnValue.fromDouble(0.5));
                put.addRow(row);
                assertThat(ts.putTimeseriesData(put).isAllSuccess()).isTrue();
            } finally {
                client.shutdown();
                ts.shutdown();
            }
        }

        try (TablestoreEmulator ots = start(dir)) {
            SyncClient client = EmulatorFixture.client(ots);
            TimeseriesClient ts = new TimeseriesClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
            try {
                assertThat(client.describeTable(new DescribeTableRequest("kept")).getTableOptions().getMaxVersions()).isEqualTo(2);
                assertThat(TableAndRowTest.all(client, "kept")).hasSize(10);
                SingleRowQueryCriteria c = new SingleRowQueryCriteria("kept", pk("k", 3));
                c.setMaxVersions(5);
                Row r = client.getRow(new GetRowRequest(c)).getRow();
                assertThat(r.getColumn("n")).extracting(col -> col.getValue().asLong()).containsExactly(33L, 3L);
                assertThat(r.getLatestColumn("s").getValue().asString()).isEqualTo("é3");

                GetTimeseriesDataRequest get = new GetTimeseriesDataRequest("kept_ts");
                get.setTimeseriesKey(key);
                get.setTimeRange(0, t0 + 1);
                assertThat(ts.getTimeseriesData(get).getRows()).singleElement()
                        .satisfies(p -> assertThat(p.getFields().get("load").asDouble()).isEqualTo(0.5));
            } finally {
                client.shutdown();
                ts.shutdown();
            }
        }

        try (TablestoreEmulator memory = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().build())) {
            SyncClient client = EmulatorFixture.client(memory);
            try {
                assertThat(client.listTable().getTableNames()).as("without a data dir nothing is kept").isEmpty();
            } finally {
                client.shutdown();
            }
        }
    }

    private static TablestoreEmulator start(Path dir) {
        return TablestoreEmulator.start(TablestoreEmulatorOptions.builder().dataDir(dir).build());
    }
}
