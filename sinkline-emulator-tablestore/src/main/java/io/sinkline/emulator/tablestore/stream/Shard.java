package io.sinkline.emulator.tablestore.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * One stream shard: the records of the keys whose hash falls in [hashLow, hashHigh), in write
 * order. Records are addressed by absolute position; trimming by retention moves {@code base}.
 * A closed shard (split or merged away) takes no more records.
 */
public final class Shard {
    private final String id;
    private final String parentId;
    private final String parentSiblingId;
    private final long hashLow;
    private final long hashHigh;
    private final List<StreamRecord> records = new ArrayList<>();
    private long base;
    private boolean closed;
    private long closedAtMicros;

    Shard(String id, String parentId, String parentSiblingId, long hashLow, long hashHigh) {
        this.id = id;
        this.parentId = parentId;
        this.parentSiblingId = parentSiblingId;
        this.hashLow = hashLow;
        this.hashHigh = hashHigh;
    }

    public String id() {
        return id;
    }

    public String parentId() {
        return parentId;
    }

    public String parentSiblingId() {
        return parentSiblingId;
    }

    long hashLow() {
        return hashLow;
    }

    long hashHigh() {
        return hashHigh;
    }

    boolean covers(long hash) {
        return hash >= hashLow && hash < hashHigh;
    }

    public synchronized boolean closed() {
        return closed;
    }

    synchronized long closedAtMicros() {
        return closedAtMicros;
    }

    synchronized void close(long nowMicros) {
        closed = true;
        closedAtMicros = nowMicros;
    }

    synchronized void append(StreamRecord r) {
        records.add(r);
    }

    /** Absolute position of the next record to be written. */
    public synchronized long end() {
        return base + records.size();
    }

    public synchronized long base() {
        return base;
    }

    /** Drops records older than this time; returns whether the shard is now empty. */
    synchronized boolean trimBefore(long micros) {
        int n = 0;
        while (n < records.size() && records.get(n).timestampMicros() < micros) {
            n++;
        }
        if (n > 0) {
            records.subList(0, n).clear();
            base += n;
        }
        return records.isEmpty();
    }

    /** First position whose record is at or after this time (the end if none). */
    public synchronized long positionAt(long micros) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).timestampMicros() >= micros) {
                return base + i;
            }
        }
        return end();
    }

    /** Up to {@code limit} records from an absolute position; the caller checked it is not trimmed. */
    public synchronized List<StreamRecord> read(long position, int limit) {
        int from = (int) (position - base);
        int to = (int) Math.min(records.size(), (long) from + limit);
        return from >= to ? List.of() : new ArrayList<>(records.subList(from, to));
    }
}
