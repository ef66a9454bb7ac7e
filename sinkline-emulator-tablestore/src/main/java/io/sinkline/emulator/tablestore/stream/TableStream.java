package io.sinkline.emulator.tablestore.stream;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import io.sinkline.emulator.tablestore.engine.RowChange;
import io.sinkline.emulator.tablestore.error.OtsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stream of one table: shards partition the key-hash space; a split closes a shard and opens
 * two children, a merge closes two adjacent shards and opens one, so every key moves only from
 * parent to child and lineage order is enough to read it in order.
 */
public final class TableStream {
    private static final long HASH_SPACE = 1L << 32;

    private final String streamId;
    private final String tableName;
    private final long creationTimeMicros;
    private volatile int expirationHours;
    private final List<Shard> shards = new ArrayList<>();
    private int nextShardNumber;
    private int nextRowIndex;

    TableStream(String streamId, String tableName, long creationTimeMicros, int expirationHours) {
        this.streamId = streamId;
        this.tableName = tableName;
        this.creationTimeMicros = creationTimeMicros;
        this.expirationHours = expirationHours;
        shards.add(newShard(null, null, 0, HASH_SPACE));
    }

    public String streamId() {
        return streamId;
    }

    public String tableName() {
        return tableName;
    }

    public long creationTimeMicros() {
        return creationTimeMicros;
    }

    public int expirationHours() {
        return expirationHours;
    }

    void expirationHours(int hours) {
        this.expirationHours = hours;
    }

    private Shard newShard(String parent, String parentSibling, long low, long high) {
        String id = String.format("%s-%04d", Integer.toHexString(streamId.hashCode() & 0xffff), nextShardNumber++);
        return new Shard(id, parent, parentSibling, low, high);
    }

    /** Appends a change to the open shard that owns its key. Serialised with splits and merges. */
    synchronized void append(RowChange change) {
        int rowIndex = nextRowIndex++;
        long hash = hash(change.primaryKey());
        for (Shard s : shards) {
            if (!s.closed() && s.covers(hash)) {
                s.append(new StreamRecord(change, 0, change.timestampMicros(), rowIndex));
                return;
            }
        }
        throw new IllegalStateException("No open shard covers hash " + hash);
    }

    /** Shards in creation order (parents before children), after dropping expired data. */
    public synchronized List<Shard> shards(long nowMicros) {
        trim(nowMicros);
        return new ArrayList<>(shards);
    }

    public synchronized Shard shard(String id, long nowMicros) {
        trim(nowMicros);
        for (Shard s : shards) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw OtsException.notExist("Shard does not exist: " + id + ".");
    }

    public long retentionStartMicros(long nowMicros) {
        return nowMicros - expirationHours * 3_600_000_000L;
    }

    private void trim(long nowMicros) {
        long cutoff = retentionStartMicros(nowMicros);
        shards.removeIf(s -> s.trimBefore(cutoff) && s.closed() && s.closedAtMicros() < cutoff);
    }

    /** Closes an open shard and opens two children splitting its hash range; returns their ids. */
    public synchronized List<String> split(String shardId, long nowMicros) {
        Shard parent = openShard(shardId);
        if (parent.hashHigh() - parent.hashLow() < 2) {
            throw OtsException.invalid("Shard is too small to split: " + shardId);
        }
        long mid = parent.hashLow() + (parent.hashHigh() - parent.hashLow()) / 2;
        parent.close(nowMicros);
        Shard a = newShard(parent.id(), null, parent.hashLow(), mid);
        Shard b = newShard(parent.id(), null, mid, parent.hashHigh());
        shards.add(a);
        shards.add(b);
        return List.of(a.id(), b.id());
    }

    /** Closes two adjacent open shards and opens one child over both; returns its id. */
    public synchronized String merge(String shardId, String siblingId, long nowMicros) {
        Shard first = openShard(shardId);
        Shard second = openShard(siblingId);
        if (first.hashHigh() != second.hashLow()) {
            throw OtsException.invalid("Only adjacent shards can be merged: " + shardId + ", " + siblingId);
        }
        first.close(nowMicros);
        second.close(nowMicros);
        Shard child = newShard(first.id(), second.id(), first.hashLow(), second.hashHigh());
        shards.add(child);
        return child.id();
    }

    private Shard openShard(String id) {
        for (Shard s : shards) {
            if (s.id().equals(id)) {
                if (s.closed()) {
                    throw OtsException.invalid("Shard is closed: " + id);
                }
                return s;
            }
        }
        throw OtsException.notExist("Shard does not exist: " + id + ".");
    }

    /** A key's hash from its values (stable across restarts, unlike identity hashes of byte arrays). */
    static long hash(PrimaryKey pk) {
        int h = 17;
        for (PrimaryKeyColumn c : pk.getPrimaryKeyColumns()) {
            PrimaryKeyValue v = c.getValue();
            h = 31 * h + switch (v.getType()) {
                case STRING -> Arrays.hashCode(v.asString().getBytes(StandardCharsets.UTF_8));
                case INTEGER -> Long.hashCode(v.asLong());
                case BINARY -> Arrays.hashCode(v.asBinary());
            };
        }
        h ^= (h >>> 16);
        h *= 0x85ebca6b;
        h ^= (h >>> 13);
        return h & 0xffffffffL;
    }
}
