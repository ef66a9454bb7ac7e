package io.sinkline.emulator.maxcompute.tunnel;

import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/**
 * A batch upload session. Its blocks wait, invisible, in a staging table of the store until commit appends them
 * in arrival order; the session itself remembers which blocks arrived.
 */
final class UploadSession {

    private final String id;
    private final TableDef table;
    private final PartitionValues partition;
    private final boolean overwrite;
    private final NavigableSet<Long> blocks = new ConcurrentSkipListSet<>();
    private volatile boolean committed;
    private volatile boolean expired;

    UploadSession(String id, TableDef table, PartitionValues partition, boolean overwrite) {
        this.id = id;
        this.table = table;
        this.partition = partition;
        this.overwrite = overwrite;
    }

    String id() {
        return id;
    }

    TableDef table() {
        return table;
    }

    PartitionValues partition() {
        return partition;
    }

    boolean overwrite() {
        return overwrite;
    }

    boolean committed() {
        return committed;
    }

    void markCommitted() {
        committed = true;
    }

    boolean expired() {
        return expired;
    }

    void markExpired() {
        expired = true;
    }

    /** The store's staging table that holds this session's blocks. */
    String stagingTable() {
        return "__sinkline_upload_" + id;
    }

    boolean hasBlock(long blockId) {
        return blocks.contains(blockId);
    }

    void blockArrived(long blockId) {
        blocks.add(blockId);
    }

    String json() {
        JsonObject o = new JsonObject();
        o.addProperty("UploadID", id);
        o.addProperty("Status", committed ? "closed" : "normal");
        o.add("Schema", SessionJson.schema(table));
        JsonArray list = new JsonArray();
        for (Long blockId : blocks) {
            JsonObject b = new JsonObject();
            b.addProperty("BlockID", blockId);
            list.add(b);
        }
        o.add("UploadedBlockList", list);
        o.addProperty("MaxFieldSize", RecordRules.MAX_FIELD_BYTES);
        o.addProperty("QuotaName", "");
        return o.toString();
    }
}
