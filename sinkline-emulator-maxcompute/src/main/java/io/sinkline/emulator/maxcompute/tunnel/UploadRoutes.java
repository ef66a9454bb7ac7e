package io.sinkline.emulator.maxcompute.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.http.ServiceRequest;
import io.sinkline.emulator.maxcompute.http.ServiceResponse;
import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.storage.TableDef;
import io.sinkline.emulator.maxcompute.storage.UploadStaging;

/** Batch upload sessions: {@code POST ?uploads}, {@code PUT ?uploadid&blockid}, {@code GET ?uploadid}, commit. */
public final class UploadRoutes {

    private final Store store;
    private final UploadStaging staging;
    private final TunnelSessions<UploadSession> uploads;

    public UploadRoutes(Store store, Clock clock, Duration sessionLifetime) {
        this.store = store;
        this.staging = new UploadStaging(store);
        this.uploads = new TunnelSessions<>(clock, sessionLifetime, this::expire);
    }

    /** An expired session's blocks are dropped unless it was committed; a request still holding it is refused. */
    private void expire(UploadSession session) {
        synchronized (session) {
            session.markExpired();
            if (!session.committed()) {
                staging.drop(session.stagingTable());
            }
        }
    }

    public ServiceResponse create(ServiceRequest request, String tableName) {
        TableDef def = store.requireTable(tableName);
        PartitionValues p = TunnelSupport.existingPartition(store, def, request.param("partition").orElse(null));
        boolean overwrite = request.param("overwrite").map(Boolean::parseBoolean).orElse(false);
        UploadSession session = new UploadSession(TunnelSupport.newId(), def, p, overwrite);
        staging.create(session.stagingTable(), def);
        uploads.add(session.id(), session);
        return ServiceResponse.json(200, session.json());
    }

    public ServiceResponse reload(ServiceRequest request) {
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
        RecordRules.check(session.table(), rows); // a refused block is not staged: the client may send it again
        synchronized (session) {
            refuseExpired(session);
            if (session.committed()) {
                throw new OdpsError(409, "InvalidStatusChange", "Upload session " + session.id() + " is already committed");
            }
            staging.putBlock(session.stagingTable(), session.table(), blockId, rows, session.hasBlock(blockId));
            session.blockArrived(blockId);
        }
        return ServiceResponse.empty(200);
    }

    /** Commit appends every block in one transaction; committing again changes nothing. */
    public ServiceResponse commit(ServiceRequest request) {
        UploadSession session = upload(request);
        synchronized (session) {
            refuseExpired(session);
            if (!session.committed()) {
                staging.commit(session.stagingTable(), session.table(), session.partition(), session.overwrite());
                session.markCommitted();
            }
        }
        return ServiceResponse.json(200, session.json());
    }

    private static void refuseExpired(UploadSession session) {
        if (session.expired()) {
            throw new OdpsError(404, "NoSuchUpload", "Upload session not found: " + session.id() + " (expired)");
        }
    }

    private UploadSession upload(ServiceRequest request) {
        String id = request.param("uploadid").orElseThrow(() -> OdpsError.invalidArgument("uploadid is required"));
        UploadSession session = uploads.get(id);
        if (session == null) {
            throw new OdpsError(404, "NoSuchUpload", "Upload session not found: " + id);
        }
        return session;
    }
}
