package io.sinkline.cli.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.*;
import com.alicloud.openservices.tablestore.model.timeseries.PutTimeseriesDataRequest;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesKey;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import com.alicloud.openservices.tablestore.model.timeseries.CreateTimeseriesTableRequest;
import io.sinkline.cli.Main;
import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TablestoreCommandsTest {

    @Test
    void queryPrintsRowsAsATextTable() {
        try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().build())) {
            SyncClient client = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
            try {
                TableMeta meta = new TableMeta("orders");
                meta.addPrimaryKeyColumn("id", PrimaryKeyType.STRING);
                client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
                for (int i = 1; i <= 3; i++) {
                    RowPutChange put = new RowPutChange("orders", PrimaryKeyBuilder.createPrimaryKeyBuilder()
                            .addPrimaryKeyColumn("id", PrimaryKeyValue.fromString("o" + i)).build());
                    put.addColumn("amount", ColumnValue.fromLong(i * 10L));
                    if (i == 2) {
                        put.addColumn("note", ColumnValue.fromString("gift"));
                    }
                    client.putRow(new PutRowRequest(put));
                }
            } finally {
                client.shutdown();
            }
            StringWriter out = new StringWriter();
            int code = run(out, "query", "tablestore", "--endpoint", ots.endpoint(), "--instance", ots.instanceName(),
                    "--table", "orders", "--access-key-id", ots.accessKeyId(), "--access-key-secret", ots.accessKeySecret());
            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString().lines()).first().asString().matches("id\\s+\\|\\s+amount\\s+\\|\\s+note");
            assertThat(out.toString()).contains("o2 | 20     | gift").contains("(3 rows)");

            StringWriter limited = new StringWriter();
            run(limited, "query", "tablestore", "--endpoint", ots.endpoint(), "--table", "orders", "--limit", "2",
                    "--access-key-id", ots.accessKeyId(), "--access-key-secret", ots.accessKeySecret());
            assertThat(limited.toString()).contains("(2 rows)").doesNotContain("o3");
        }
    }

    @Test
    void queryPrintsTimeseriesPoints() {
        try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().build())) {
            TimeseriesClient ts = new TimeseriesClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
            try {
                ts.createTimeseriesTable(new CreateTimeseriesTableRequest(new TimeseriesTableMeta("metrics")));
                PutTimeseriesDataRequest put = new PutTimeseriesDataRequest("metrics");
                TimeseriesRow row = new TimeseriesRow(new TimeseriesKey("cpu", "host1", Map.of("dc", "hz")), 1_700_000_000_000_000L);
                row.addField("load", ColumnValue.fromDouble(0.75));
                put.addRow(row);
                ts.putTimeseriesData(put);
            } finally {
                ts.shutdown();
            }
            StringWriter out = new StringWriter();
            int code = run(out, "query", "tablestore", "--endpoint", ots.endpoint(), "--table", "metrics",
                    "--access-key-id", ots.accessKeyId(), "--access-key-secret", ots.accessKeySecret());
            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString()).contains("cpu", "host1", "2023-11-14T22:13:20Z", "0.75", "(1 point)");
        }
    }

    @Test
    void emulatorCommandServesAndKeepsDataInItsDataDir(@TempDir Path dir) throws Exception {
        String endpoint = startInBackground(dir, "first");
        SyncClient client = new SyncClient(endpoint, "sinkline", "sinkline-secret", "sinkline");
        try {
            TableMeta meta = new TableMeta("kept");
            meta.addPrimaryKeyColumn("id", PrimaryKeyType.INTEGER);
            client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
        } finally {
            client.shutdown();
        }
        stopBackground();

        String again = startInBackground(dir, "second");
        SyncClient second = new SyncClient(again, "sinkline", "sinkline-secret", "sinkline");
        try {
            assertThat(second.listTable().getTableNames()).containsExactly("kept");
        } finally {
            second.shutdown();
            stopBackground();
        }
    }

    private Thread background;

    private String startInBackground(Path dir, String name) throws InterruptedException {
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        background = new Thread(() -> exit.set(run(out, "emulator", "tablestore", "--port", "0", "--data-dir", dir.toString())),
                "cli-emulator-" + name);
        background.start();
        Pattern listening = Pattern.compile("listening on (http://\\S+)");
        for (int i = 0; i < 200; i++) {
            Matcher m = listening.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("emulator did not start: " + out + " exit " + exit.get());
    }

    private void stopBackground() throws InterruptedException {
        background.interrupt();
        background.join(10_000);
        assertThat(background.isAlive()).isFalse();
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }
}
