package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.RowChange;

/** The rows of one table collected into one BatchWriteRow request. Not thread-safe: its table guards it. */
final class RowBatch {
    private final BatchWriteRowRequest request = new BatchWriteRowRequest();
    private int rows;
    private long bytes;

    /** Whether the row may join without the batch exceeding either limit; an empty batch takes any row. */
    boolean fits(RowChange change, int maxRows, int maxBytes) {
        return rows == 0 || (rows < maxRows && bytes + change.getDataSize() <= maxBytes);
    }

    void add(RowChange change) {
        request.addRowChange(change);
        rows++;
        bytes += change.getDataSize();
    }

    int rows() {
        return rows;
    }

    BatchWriteRowRequest request() {
        return request;
    }
}
