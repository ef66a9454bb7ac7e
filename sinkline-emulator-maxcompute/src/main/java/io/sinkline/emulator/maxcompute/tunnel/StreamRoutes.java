package io.sinkline.emulator.maxcompute.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.http.ServiceRequest;
import io.sinkline.emulator.maxcompute.http.ServiceResponse;
import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/** Streaming sessions on {@code …/tables/{t}/streams}: create, reload and record packs that are visible at once. */
public final class StreamRoutes {

    private final Store store;
    private final Supplier<String> routedServer;
    private final TunnelSessions<StreamSession> streams;

    /** {@code routedServer} is the {@code host:port} stream slots point at: this server. */
    public StreamRoutes(Store store, Supplier<String> routedServer, Clock clock, Duration sessionLifetime) {
        this.store = store;
        this.routedServer = routedServer;
        this.streams = new TunnelSessions<>(clock, sessionLifetime, expired -> { });
    }

    private record StreamSession(String id, TableDef table, PartitionValues partition) {
    }

    public ServiceResponse create(ServiceRequest request, String tableName) {
        TableDef def = store.requireTable(tableName);
        String spec = request.param("partition").orElse(null);
        PartitionValues p = PartitionValues.parse(def, spec);
        if (!p.isEmpty() && !store.hasPartition(def, p)) {
            if (!request.has("create_partition")) {
                throw new OdpsError(404, "NoSuchPartition", "Partition not found - " + p.display());
            }
            store.addPartition(def, p);
        }
        StreamSession session = new StreamSession(TunnelSupport.newId(), def, p);
        streams.add(session.id(), session);
        return ServiceResponse.json(200, streamJson(session));
    }

    public ServiceResponse reload(ServiceRequest request) {
        return ServiceResponse.json(200, streamJson(stream(request)));
    }

    /** Each pack is appended at once: visible to readers as soon as the write returns. */
    public ServiceResponse write(ServiceRequest request) {
        StreamSession session = stream(request);
        PartitionValues p = request.param("partition")
                .map(spec -> PartitionValues.parse(session.table(), spec)).orElse(session.partition());
        if (!p.isEmpty() && !store.hasPartition(session.table(), p)) {
            throw new OdpsError(404, "NoSuchPartition", "Partition not found - " + p.display());
        }
        List<Object[]> rows = RecordStreams.read(session.table().sdkSchema(), request.body(),
                RecordStreams.compression(request.header("Content-Encoding")));
        RecordRules.check(session.table(), rows); // all or nothing: a refused pack leaves no row behind
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
}
