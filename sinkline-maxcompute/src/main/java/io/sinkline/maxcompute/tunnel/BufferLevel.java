package io.sinkline.maxcompute.tunnel;

/** How full a buffer is: its rows, their bytes, and when the oldest arrived. Task thread only. */
public final class BufferLevel {

    private long bytes;
    private int rows;
    private long oldestMillis = -1;

    void added(int addedRows, long addedBytes, long nowMillis) {
        rows += addedRows;
        bytes += addedBytes;
        if (oldestMillis < 0) {
            oldestMillis = nowMillis;
        }
    }

    void removed(int removedRows, long removedBytes) {
        rows -= removedRows;
        bytes -= removedBytes;
        if (rows == 0) {
            oldestMillis = -1;
        }
    }

    void clear() {
        bytes = 0;
        rows = 0;
        oldestMillis = -1;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    public long bytes() {
        return bytes;
    }

    public int rows() {
        return rows;
    }

    /** How long the oldest row has waited, 0 when empty. */
    public long ageMillis(long nowMillis) {
        return oldestMillis < 0 ? 0 : nowMillis - oldestMillis;
    }
}
