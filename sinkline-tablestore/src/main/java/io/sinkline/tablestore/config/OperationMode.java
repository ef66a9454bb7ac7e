package io.sinkline.tablestore.config;

/** What a record does to its row ({@code insert.mode}; seed 000's operation mode). */
public enum OperationMode {
    /** Replace the whole row. */
    PUT,
    /** Merge the columns into the row; a null value deletes that column when the delete mode allows it. */
    UPDATE,
    /** Delete the row addressed by the record's primary key. */
    DELETE
}
