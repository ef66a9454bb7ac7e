package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import io.sinkline.emulator.tablestore.engine.Limits;
import io.sinkline.emulator.tablestore.engine.RowMutation;
import io.sinkline.emulator.tablestore.engine.Table;
import io.sinkline.emulator.tablestore.engine.TableCatalog;
import io.sinkline.emulator.tablestore.engine.WriteCondition;
import io.sinkline.emulator.tablestore.engine.WriteResult;
import io.sinkline.emulator.tablestore.error.OtsException;
import io.sinkline.emulator.tablestore.faults.FaultInjector;

/**
 * BatchWriteRow and BulkImport: every row is applied on its own and answered in request order
 * (the SDK merges results by index); injected row faults fail single rows.
 */
public final class BatchWriteActions {
    /** The answer for a written row that returns nothing: immutable, so every such row shares it. */
    private static final OtsInternalApi.RowInBatchWriteRowResponse WRITTEN = written(ByteString.EMPTY);

    private final TableCatalog catalog;
    private final FaultInjector faults;

    public BatchWriteActions(TableCatalog catalog, FaultInjector faults) {
        this.catalog = catalog;
        this.faults = faults;
    }

    public void register(ActionRegistry registry) {
        registry.register("BatchWriteRow", body -> batchWriteRow(OtsInternalApi.BatchWriteRowRequest.parseFrom(Requests.aliasing(body))))
                .register("BulkImport", body -> bulkImport(OtsInternalApi.BulkImportRequest.parseFrom(Requests.aliasing(body))));
    }

    private OtsInternalApi.BatchWriteRowResponse batchWriteRow(OtsInternalApi.BatchWriteRowRequest req) {
        int total = 0;
        for (OtsInternalApi.TableInBatchWriteRowRequest t : req.getTablesList()) {
            total += t.getRowsCount();
        }
        checkRowCount(total);
        OtsInternalApi.BatchWriteRowResponse.Builder out = OtsInternalApi.BatchWriteRowResponse.newBuilder();
        ColumnNames names = new ColumnNames();
        for (OtsInternalApi.TableInBatchWriteRowRequest t : req.getTablesList()) {
            OtsInternalApi.TableInBatchWriteRowResponse.Builder tOut =
                    OtsInternalApi.TableInBatchWriteRowResponse.newBuilder().setTableName(t.getTableName());
            for (OtsInternalApi.RowInBatchWriteRowRequest row : t.getRowsList()) {
                try {
                    OtsException injected = faults.rowFault("BatchWriteRow");
                    if (injected != null) {
                        throw injected;
                    }
                    Table table = catalog.get(t.getTableName());
                    WriteResult r = table.write(RowCodec.decodeMutation(Requests.kind(row.getType()), row.getRowChange(), names),
                            Requests.condition(row.getCondition()));
                    ByteString returned = Requests.returnedRow(row.hasReturnContent() ? row.getReturnContent() : null, r);
                    tOut.addRows(returned.isEmpty() ? WRITTEN : written(returned));
                } catch (OtsException e) {
                    tOut.addRows(OtsInternalApi.RowInBatchWriteRowResponse.newBuilder().setIsOk(false).setError(Requests.error(e)));
                }
            }
            out.addTables(tOut);
        }
        return out.build();
    }

    private OtsInternalApi.BulkImportResponse bulkImport(OtsInternalApi.BulkImportRequest req) {
        checkRowCount(req.getRowsCount());
        Table table = catalog.get(req.getTableName());
        OtsInternalApi.BulkImportResponse.Builder out = OtsInternalApi.BulkImportResponse.newBuilder()
                .setTableName(req.getTableName());
        ColumnNames names = new ColumnNames();
        for (OtsInternalApi.RowInBulkImportRequest row : req.getRowsList()) {
            OtsInternalApi.RowInBulkImportResponse.Builder rOut = OtsInternalApi.RowInBulkImportResponse.newBuilder();
            try {
                OtsException injected = faults.rowFault("BulkImport");
                if (injected != null) {
                    throw injected;
                }
                RowMutation.Kind kind = Requests.kind(row.getType());
                table.write(RowCodec.decodeMutation(kind, row.getRowChange(), names), WriteCondition.NONE);
                rOut.setIsOk(true).setConsumed(Capacity.ONE_WRITE);
            } catch (OtsException e) {
                rOut.setIsOk(false).setError(Requests.error(e));
            }
            out.addRows(rOut);
        }
        return out.build();
    }

    private static OtsInternalApi.RowInBatchWriteRowResponse written(ByteString returnedRow) {
        return OtsInternalApi.RowInBatchWriteRowResponse.newBuilder()
                .setIsOk(true).setConsumed(Capacity.ONE_WRITE).setRow(returnedRow).build();
    }

    private static void checkRowCount(int rows) {
        if (rows > Limits.MAX_BATCH_WRITE_ROWS) {
            throw OtsException.invalid("Rows count exceeds the upper limit: " + Limits.MAX_BATCH_WRITE_ROWS + ".");
        }
        if (rows == 0) {
            throw OtsException.invalid("No row specified in the request.");
        }
    }
}
