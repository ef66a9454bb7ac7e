package io.sinkline.emulator.maxcompute.tunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aliyun.odps.Column;
import com.aliyun.odps.data.Record;
import com.google.gson.JsonArray;
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
 * The Tunnel service on a table: batch upload sessions ({@code ?uploads}, {@code PUT ?uploadid&blockid},
 * commit), download sessions ({@code ?downloads}, {@code ?downloadid&data&rowrange}) and streaming sessions
 * on {@code …/streams}.
 */
public final class TunnelRoutes {

    private static final Pattern ROW_RANGE = Pattern.compile("\\((\\d+),(\\d+)\\)");

    private final Store store;
    private final Supplier<String> routedServer;
    private final Map<String, UploadSession> uploads = new ConcurrentHashMap<>();
    private final Map<String, DownloadSession> downloads = new ConcurrentHashMap<>();
    private final Map<String, StreamSession> streams = new ConcurrentHashMap<>();

    /** {@code routedServer} is the {@code host:port} stream slots point at: this server. */
    public TunnelRoutes(Store store, Supplier<String> routedServer) {
        this.store = store;
        this.routedServer = routedServer;
    }

    private record DownloadSession(String id, RowSource rows) {
    }

    private record StreamSession(String id, TableDef table, PartitionValues partition) {
    }

    public static boolean isTunnelRequest(ServiceRequest r, boolean streamsPath) {
        return streamsPath || r.has("uploads") || r.has("uploadid") || r.has("downloads") || r.has("downloadid");
    }

    // ---- batch upload ----

    public ServiceResponse createUpload(ServiceRequest request, String tableName) {
        TableDef def = store.requireTable(tableName);
        PartitionValues p = existingPartition(def, request.param("partition").orElse(null));
        boolean overwrite = request.param("overwrite").map(Boolean::parseBoolean).orElse(false);
        UploadSession session = new UploadSession(newId(), def, p, overwrite);
        store.createStaging(session.stagingTable(), def);
        uploads.put(session.id(), session);
        return ServiceResponse.json(200, session.json());
    }

    public ServiceResponse reloadUpload(ServiceRequest request) {
        return ServiceResponse.json(200, upload(request).json());
    }

    public ServiceResponse writeBlock(ServiceRequest request) {
        UploadSession session = upload(request);
        if (session.committed()) {
            throw new OdpsError(409, "InvalidStatusChange", "Upload session " + session.id() + " is already committed");
        }
        long blockId = request.param("blockid").map(Long::parseLong)
                .orElseThrow(() -> OdpsError.invalidArgument("blockid is required"));
        if (blockId < 0 || blockId >= 20000) {
            throw OdpsError.invalidArgument("blockid must be within [0, 20000): " + blockId);
        }
        List<Object[]> rows = RecordStreams.read(session.table().sdkSchema(), request.body(),
                RecordStreams.compression(request.header("Content-Encoding")));
        synchronized (session) {
            if (session.committed()) {
                throw new OdpsError(409, "InvalidStatusChange", "Upload session " + session.id() + " is already committed");
            }
            store.stageBlock(session.stagingTable(), session.table(), blockId, rows);
            session.blockArrived(blockId);
        }
        return ServiceResponse.empty(200);
    }

    /** Commit appends every block in one transaction; committing again changes nothing. */
    public ServiceResponse commitUpload(ServiceRequest request) {
        UploadSession session = upload(request);
        synchronized (session) {
            if (!session.committed()) {
                store.commitStaging(session.stagingTable(), session.table(), session.partition(), session.overwrite());
                session.markCommitted();
            }
        }
        return ServiceResponse.json(200, session.json());
    }

    private UploadSession upload(ServiceRequest request) {
        String id = request.param("uploadid").orElseThrow(() -> OdpsError.invalidArgument("uploadid is required"));
        UploadSession session = uploads.get(id);
        if (session == null) {
            throw new OdpsError(404, "NoSuchUpload", "Upload session not found: " + id);
        }
        return session;
    }

    // ---- download ----

    public ServiceResponse createDownload(ServiceRequest request, String tableName) {
        TableDef def = store.requireTable(tableName);
        PartitionValues p = existingPartition(def, request.param("partition").orElse(null));
        return startDownload(TableRows.of(store, def, p));
    }

    /** The instance tunnel: a download session over the result of a finished SQL instance. */
    public ServiceResponse createResultDownload(QueryResult result) {
        return startDownload(new ResultRows(result));
    }

    private ServiceResponse startDownload(RowSource rows) {
        DownloadSession session = new DownloadSession(newId(), rows);
        downloads.put(session.id(), session);
        return ServiceResponse.json(200, downloadJson(session));
    }

    public ServiceResponse download(ServiceRequest request) throws Exception {
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

    // ---- streaming ----

    public ServiceResponse createStream(ServiceRequest request, String tableName) {
        TableDef def = store.requireTable(tableName);
        String spec = request.param("partition").orElse(null);
        PartitionValues p = PartitionValues.parse(def, spec);
        if (!p.isEmpty() && !store.hasPartition(def, p)) {
            if (!request.has("create_partition")) {
                throw new OdpsError(404, "NoSuchPartition", "Partition not found - " + p.display());
            }
            store.addPartition(def, p);
        }
        StreamSession session = new StreamSession(newId(), def, p);
        streams.put(session.id(), session);
        return ServiceResponse.json(200, streamJson(session));
    }

    public ServiceResponse reloadStream(ServiceRequest request) {
        return ServiceResponse.json(200, streamJson(stream(request)));
    }

    /** Each pack is appended at once: visible to readers as soon as the write returns. */
    public ServiceResponse writeStream(ServiceRequest request) {
        StreamSession session = stream(request);
        PartitionValues p = request.param("partition")
                .map(spec -> PartitionValues.parse(session.table(), spec)).orElse(session.partition());
        if (!p.isEmpty() && !store.hasPartition(session.table(), p)) {
            throw new OdpsError(404, "NoSuchPartition", "Partition not found - " + p.display());
        }
        List<Object[]> rows = RecordStreams.read(session.table().sdkSchema(), request.body(),
                RecordStreams.compression(request.header("Content-Encoding")));
        store.append(session.table(), p, rows, false);
        return ServiceResponse.empty(200)
                .header("odps-tunnel-slot-num", "1")
                .header("odps-tunnel-routed-server", routedServer.get());
    }

    private StreamSession stream(ServiceRequest request) {
        String id = request.param("uploadid").orElseThrow(() -> OdpsError.invalidArgument("uploadid is required"));
        StreamSession session = streams.get(id);
        if (session == null) {
            throw new OdpsError(404, "NoSuchUpload", "Stream session not found: " + id);
        }
        return session;
    }

    private String streamJson(StreamSession s) {
        JsonObject o = new JsonObject();
        o.addProperty("session_name", s.id());
        o.add("schema", SessionJson.schema(s.table()));
        o.addProperty("status", "normal");
        JsonArray slots = new JsonArray();
        JsonArray slot = new JsonArray();
        slot.add("1");
        slot.add(routedServer.get());
        slots.add(slot);
        o.add("slots", slots);
        o.addProperty("quota_name", "");
        return o.toString();
    }

    private PartitionValues existingPartition(TableDef def, String spec) {
        PartitionValues p = PartitionValues.parse(def, spec);
        if (!p.isEmpty() && !store.hasPartition(def, p)) {
            throw new OdpsError(404, "NoSuchPartition", "Partition not found - " + p.display());
        }
        return p;
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }
}
