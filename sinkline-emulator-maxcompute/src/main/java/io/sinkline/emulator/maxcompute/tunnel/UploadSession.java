package io.sinkline.emulator.maxcompute.tunnel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/** A batch upload session: blocks are held here, invisible, until commit appends them in block order. */
final class UploadSession {

    private final String id;
    private final TableDef table;
    private final PartitionValues partition;
    private final boolean overwrite;
    private final Map<Long, List<Object[]>> blocks = new ConcurrentSkipListMap<>();
    private volatile boolean committed;

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

    /** A re-sent block replaces the earlier one, as the service does. */
    void putBlock(long blockId, List<Object[]> records) {
        blocks.put(blockId, records);
    }

    Map<Long, List<Object[]>> blocks() {
        return blocks;
    }

    String json() {
        JsonObject o = new JsonObject();
        o.addProperty("UploadID", id);
        o.addProperty("Status", committed ? "closed" : "normal");
        o.add("Schema", SessionJson.schema(table));
        JsonArray list = new JsonArray();
        for (Long blockId : blocks.keySet()) {
            JsonObject b = new JsonObject();
            b.addProperty("BlockID", blockId);
            list.add(b);
        }
        o.add("UploadedBlockList", list);
        o.addProperty("MaxFieldSize", 8 * 1024 * 1024);
        o.addProperty("QuotaName", "");
        return o.toString();
    }
}
