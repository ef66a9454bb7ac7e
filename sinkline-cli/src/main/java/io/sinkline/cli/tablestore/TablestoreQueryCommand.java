package io.sinkline.cli.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.timeseries.GetTimeseriesDataRequest;
import com.alicloud.openservices.tablestore.model.timeseries.QueryTimeseriesMetaRequest;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesMeta;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code sinkline query tablestore}: prints a table's rows as the console's Query Data tab does
 * (primary-key columns, then every attribute column, latest versions). A time-series table prints
 * its points, series by series.
 */
@Command(
        name = "tablestore",
        mixinStandardHelpOptions = true,
        description = "Print a Tablestore table's rows as a text table (emulator or cloud).")
public final class TablestoreQueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", required = true, description = "e.g. http://127.0.0.1:8800 or https://<instance>.<region>.ots.aliyuncs.com")
    String endpoint;

    @Option(names = "--instance", defaultValue = TablestoreEmulatorOptions.DEFAULT_INSTANCE, description = "Instance name (default: ${DEFAULT-VALUE}).")
    String instance;

    @Option(names = "--table", required = true, description = "Table to print (wide-column or time-series).")
    String table;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--access-key-id", defaultValue = "${env:ALIBABA_CLOUD_ACCESS_KEY_ID:-" + TablestoreEmulatorOptions.DEFAULT_ACCESS_KEY_ID + "}",
            description = "Access key id (default: $ALIBABA_CLOUD_ACCESS_KEY_ID or the emulator's default).")
    String accessKeyId;

    @Option(names = "--access-key-secret", defaultValue = "${env:ALIBABA_CLOUD_ACCESS_KEY_SECRET:-" + TablestoreEmulatorOptions.DEFAULT_ACCESS_KEY_SECRET + "}",
            description = "Access key secret (default: $ALIBABA_CLOUD_ACCESS_KEY_SECRET or the emulator's default).", arity = "1")
    String accessKeySecret;

    @Override
    public Integer call() {
        if (limit < 1) {
            spec.commandLine().getErr().println("--limit must be at least 1");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        SyncClient client = new SyncClient(endpoint, accessKeyId, accessKeySecret, instance);
        try {
            TableMeta meta;
            try {
                meta = client.describeTable(new DescribeTableRequest(table)).getTableMeta();
            } catch (TableStoreException e) {
                if (!"OTSObjectNotExist".equals(e.getErrorCode())) {
                    throw e;
                }
                return printTimeseries(out);
            }
            printRows(client, meta, out);
            return 0;
        } catch (TableStoreException e) {
            spec.commandLine().getErr().printf("%s: %s (request %s)%n", e.getErrorCode(), e.getMessage(), e.getRequestId());
            return 1;
        } finally {
            client.shutdown();
        }
    }

    private void printRows(SyncClient client, TableMeta meta, PrintWriter out) {
        List<Row> rows = new ArrayList<>();
        PrimaryKey start = bound(meta, PrimaryKeyValue.INF_MIN);
        while (start != null && rows.size() < limit) {
            RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
            c.setInclusiveStartPrimaryKey(start);
            c.setExclusiveEndPrimaryKey(bound(meta, PrimaryKeyValue.INF_MAX));
            c.setMaxVersions(1);
            c.setLimit(Math.min(5000, limit - rows.size()));
            GetRangeResponse r = client.getRange(new GetRangeRequest(c));
            rows.addAll(r.getRows());
            start = r.getNextStartPrimaryKey();
        }
        List<String> header = new ArrayList<>();
        meta.getPrimaryKeyList().forEach(s -> header.add(s.getName()));
        TreeSet<String> attributes = new TreeSet<>();
        rows.forEach(r -> {
            for (Column col : r.getColumns()) {
                attributes.add(col.getName());
            }
        });
        header.addAll(attributes);
        TextTable t = new TextTable(header);
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            for (PrimaryKeyColumn pk : r.getPrimaryKey().getPrimaryKeyColumns()) {
                cells.add(pk.getValue().getType() == com.alicloud.openservices.tablestore.model.PrimaryKeyType.BINARY
                        ? Base64.getEncoder().encodeToString(pk.getValue().asBinary()) : pk.getValue().toString());
            }
            for (String a : attributes) {
                Column latest = r.getLatestColumn(a);
                cells.add(latest == null ? "" : text(latest.getValue()));
            }
            t.add(cells);
        }
        t.print(out);
        out.printf("(%d row%s)%n", t.size(), t.size() == 1 ? "" : "s");
        out.flush();
    }

    private int printTimeseries(PrintWriter out) {
        TimeseriesClient ts = new TimeseriesClient(endpoint, accessKeyId, accessKeySecret, instance);
        try {
            QueryTimeseriesMetaRequest q = new QueryTimeseriesMetaRequest(table);
            q.setLimit(limit);
            List<TimeseriesRow> points = new ArrayList<>();
            TreeSet<String> fields = new TreeSet<>();
            for (TimeseriesMeta m : ts.queryTimeseriesMeta(q).getTimeseriesMetas()) {
                if (points.size() >= limit) {
                    break;
                }
                GetTimeseriesDataRequest get = new GetTimeseriesDataRequest(table);
                get.setTimeseriesKey(m.getTimeseriesKey());
                get.setTimeRange(0, Long.MAX_VALUE);
                get.setLimit(limit - points.size());
                for (TimeseriesRow p : ts.getTimeseriesData(get).getRows()) {
                    points.add(p);
                    fields.addAll(p.getFields().keySet());
                }
            }
            List<String> header = new ArrayList<>(List.of("_m_name", "_data_source", "_tags", "_time"));
            header.addAll(fields);
            TextTable t = new TextTable(header);
            for (TimeseriesRow p : points) {
                List<String> cells = new ArrayList<>(List.of(p.getTimeseriesKey().getMeasurementName(),
                        p.getTimeseriesKey().getDataSource(), p.getTimeseriesKey().getTags().toString(),
                        Instant.ofEpochSecond(0, p.getTimeInUs() * 1000).toString()));
                for (String f : fields) {
                    ColumnValue v = p.getFields().get(f);
                    cells.add(v == null ? "" : text(v));
                }
                t.add(cells);
            }
            t.print(out);
            out.printf("(%d point%s)%n", t.size(), t.size() == 1 ? "" : "s");
            out.flush();
            return 0;
        } finally {
            ts.shutdown();
        }
    }

    private static String text(ColumnValue v) {
        return switch (v.getType()) {
            case BINARY -> Base64.getEncoder().encodeToString(v.asBinary());
            default -> v.toString();
        };
    }

    private static PrimaryKey bound(TableMeta meta, PrimaryKeyValue v) {
        PrimaryKeyBuilder b = PrimaryKeyBuilder.createPrimaryKeyBuilder();
        for (PrimaryKeySchema s : meta.getPrimaryKeyList()) {
            b.addPrimaryKeyColumn(s.getName(), v);
        }
        return b.build();
    }
}
