package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.RowChange;
import java.util.ArrayList;
import java.util.List;

/** The rows of one table collected into one BatchWriteRow request. Not thread-safe: its table guards it. */
final class RowBatch {
    private final BatchWriteRowRequest request = new BatchWriteRowRequest();
    private final List<RowChange> changes = new ArrayList<>();
    private long bytes;

    /** Whether the row may join without the batch exceeding either limit; an empty batch takes any row. */
    boolean fits(RowChange change, int maxRows, int maxBytes) {
        return changes.isEmpty() || (changes.size() < maxRows && bytes + change.getDataSize() <= maxBytes);
    }

    void add(RowChange change) {
        request.addRowChange(change);
        changes.add(change);
        bytes += change.getDataSize();
    }

    int rows() {
        return changes.size();
    }

    /** In the order they were added, which is the order of the request's row indexes. */
    List<RowChange> changes() {
        return changes;
    }

    BatchWriteRowRequest request() {
        return request;
    }
}
