package io.sinkline.emulator.maxcompute.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aliyun.odps.Column;
import com.aliyun.odps.data.Record;
import com.google.gson.JsonObject;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.http.ServiceRequest;
import io.sinkline.emulator.maxcompute.http.ServiceResponse;
import io.sinkline.emulator.maxcompute.sql.QueryResult;
import io.sinkline.emulator.maxcompute.storage.ColumnDef;
import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/**
 * Download sessions over a table partition or a finished SQL instance's result: {@code POST ?downloads},
 * {@code GET ?downloadid} and {@code GET ?downloadid&data&rowrange=(start,count)[&columns=a,b]}.
 */
public final class DownloadRoutes {

    private static final Pattern ROW_RANGE = Pattern.compile("\\((\\d+),(\\d+)\\)");

    private final Store store;
    private final TunnelSessions<DownloadSession> downloads;

    public DownloadRoutes(Store store, Clock clock, Duration sessionLifetime) {
        this.store = store;
        this.downloads = new TunnelSessions<>(clock, sessionLifetime, expired -> { });
    }

    private record DownloadSession(String id, RowSource rows) {
    }

    public ServiceResponse create(ServiceRequest request, String tableName) {
        TableDef def = store.requireTable(tableName);
        PartitionValues p = TunnelSupport.existingPartition(store, def, request.param("partition").orElse(null));
        return startDownload(TableRows.of(store, def, p));
    }

    /** The instance tunnel: a download session over the result of a finished SQL instance. */
    public ServiceResponse createForResult(QueryResult result) {
        return startDownload(new ResultRows(result));
    }

    private ServiceResponse startDownload(RowSource rows) {
        DownloadSession session = new DownloadSession(TunnelSupport.newId(), rows);
        downloads.add(session.id(), session);
        return ServiceResponse.json(200, downloadJson(session));
    }

    public ServiceResponse serve(ServiceRequest request) throws Exception {
        String id = request.param("downloadid").orElseThrow(() -> OdpsError.invalidArgument("downloadid is required"));
        DownloadSession session = downloads.get(id);
        if (session == null) {
            throw new OdpsError(404, "NoSuchDownload", "Download session not found: " + id);
        }
        if (!request.has("data")) {
            return ServiceResponse.json(200, downloadJson(session));
        }
        RowSource source = session.rows();
        long start = 0;
        long count = source.count();
        if (request.param("rowrange").isPresent()) {
            Matcher m = ROW_RANGE.matcher(request.param("rowrange").get());
            if (!m.matches()) {
                throw OdpsError.invalidArgument("Invalid rowrange " + request.param("rowrange").get());
            }
            start = Long.parseLong(m.group(1));
            count = Long.parseLong(m.group(2));
        }
        if (start + count > source.count()) {
            throw new OdpsError(400, "InvalidRowRange", "Row range (" + start + "," + count + ") exceeds the "
                    + source.count() + " records of the session");
        }
        List<ColumnDef> columns = new ArrayList<>();
        if (request.param("columns").isPresent()) {
            for (String name : request.param("columns").get().split(",")) {
                String n = name.trim().toLowerCase();
                columns.add(source.columns().stream().filter(c -> c.name().equals(n)).findFirst()
                        .orElseThrow(() -> OdpsError.invalidArgument("Unknown column " + name)));
            }
        } else {
            columns.addAll(source.columns());
        }
        List<Record> rows = source.read(columns, start, count);
        List<Column> sdkColumns = columns.stream().map(c -> new Column(c.name(), c.typeInfo())).toList();
        return ServiceResponse.bytes(200, RecordStreams.write(sdkColumns, rows));
    }

    private static String downloadJson(DownloadSession s) {
        JsonObject o = new JsonObject();
        o.addProperty("DownloadID", s.id());
        o.addProperty("Status", "normal");
        o.addProperty("RecordCount", s.rows().count());
        o.add("Schema", s.rows().schemaJson());
        o.addProperty("QuotaName", "");
        return o.toString();
    }
}
