package io.sinkline.tablestore.config;

/** Which deletes records may cause ({@code delete.mode}). */
public enum DeleteMode {
    NONE, ROW, COLUMN, ROW_AND_COLUMN;

    /** A tombstone (null value) deletes the row. */
    public boolean deletesRows() {
        return this == ROW || this == ROW_AND_COLUMN;
    }

    /** A null column value in update mode deletes that column. */
    public boolean deletesColumns() {
        return this == COLUMN || this == ROW_AND_COLUMN;
    }
}
