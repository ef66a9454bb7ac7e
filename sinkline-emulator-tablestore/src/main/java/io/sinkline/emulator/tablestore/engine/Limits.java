package io.sinkline.emulator.tablestore.engine;

/** The service limits that the SDK and connectors depend on. */
public final class Limits {
    public static final int MAX_PRIMARY_KEY_COLUMNS = 4;
    public static final int MAX_PRIMARY_KEY_VALUE_BYTES = 1024;
    public static final int MAX_COLUMN_NAME_BYTES = 255;
    public static final int MAX_COLUMN_VALUE_BYTES = 2 * 1024 * 1024;
    public static final int MAX_COLUMNS_PER_WRITE = 1024;
    public static final int MAX_BATCH_WRITE_ROWS = 200;
    public static final int MAX_BATCH_GET_ROWS = 100;
    public static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    public static final int MAX_RANGE_ROWS = 5000;
    public static final int MAX_RANGE_RESPONSE_BYTES = 4 * 1024 * 1024;

    private Limits() {
    }
}
