package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import io.sinkline.emulator.tablestore.engine.Limits;
import io.sinkline.emulator.tablestore.engine.RangeResult;
import io.sinkline.emulator.tablestore.engine.ReadSpec;
import io.sinkline.emulator.tablestore.engine.RowMutation;
import io.sinkline.emulator.tablestore.engine.RowView;
import io.sinkline.emulator.tablestore.engine.Table;
import io.sinkline.emulator.tablestore.engine.TableCatalog;
import io.sinkline.emulator.tablestore.engine.WriteResult;
import io.sinkline.emulator.tablestore.error.OtsException;

/** Single-row reads and writes, BatchGetRow and GetRange. */
public final class RowActions {
    private final TableCatalog catalog;

    public RowActions(TableCatalog catalog) {
        this.catalog = catalog;
    }

    public void register(ActionRegistry registry) {
        registry.register("PutRow", body -> putRow(OtsInternalApi.PutRowRequest.parseFrom(body)))
                .register("UpdateRow", body -> updateRow(OtsInternalApi.UpdateRowRequest.parseFrom(body)))
                .register("DeleteRow", body -> deleteRow(OtsInternalApi.DeleteRowRequest.parseFrom(body)))
                .register("GetRow", body -> getRow(OtsInternalApi.GetRowRequest.parseFrom(body)))
                .register("BatchGetRow", body -> batchGetRow(OtsInternalApi.BatchGetRowRequest.parseFrom(body)))
                .register("GetRange", body -> getRange(OtsInternalApi.GetRangeRequest.parseFrom(body)));
    }

    private OtsInternalApi.PutRowResponse putRow(OtsInternalApi.PutRowRequest req) {
        Table table = catalog.get(req.getTableName());
        WriteResult r = table.write(RowCodec.decodeMutation(RowMutation.Kind.PUT, req.getRow()),
                Requests.condition(req.getCondition()));
        return OtsInternalApi.PutRowResponse.newBuilder().setConsumed(Capacity.ONE_WRITE)
                .setRow(Requests.returnedRow(req.hasReturnContent() ? req.getReturnContent() : null, r)).build();
    }

    private OtsInternalApi.UpdateRowResponse updateRow(OtsInternalApi.UpdateRowRequest req) {
        Table table = catalog.get(req.getTableName());
        WriteResult r = table.write(RowCodec.decodeMutation(RowMutation.Kind.UPDATE, req.getRowChange()),
                Requests.condition(req.getCondition()));
        return OtsInternalApi.UpdateRowResponse.newBuilder().setConsumed(Capacity.ONE_WRITE)
                .setRow(Requests.returnedRow(req.hasReturnContent() ? req.getReturnContent() : null, r)).build();
    }

    private OtsInternalApi.DeleteRowResponse deleteRow(OtsInternalApi.DeleteRowRequest req) {
        Table table = catalog.get(req.getTableName());
        WriteResult r = table.write(RowCodec.decodeMutation(RowMutation.Kind.DELETE, req.getPrimaryKey()),
                Requests.condition(req.getCondition()));
        return OtsInternalApi.DeleteRowResponse.newBuilder().setConsumed(Capacity.ONE_WRITE)
                .setRow(Requests.returnedRow(req.hasReturnContent() ? req.getReturnContent() : null, r)).build();
    }

    private OtsInternalApi.GetRowResponse getRow(OtsInternalApi.GetRowRequest req) {
        Table table = catalog.get(req.getTableName());
        ReadSpec spec = Requests.readSpec(req.getColumnsToGetList(), req.hasTimeRange(), req.getTimeRange(),
                req.hasMaxVersions(), req.getMaxVersions(), req.hasFilter(), req.getFilter(),
                req.hasStartColumn() ? req.getStartColumn() : null, req.hasEndColumn() ? req.getEndColumn() : null);
        RowView row = table.get(RowCodec.decodePrimaryKey(req.getPrimaryKey()), spec);
        return OtsInternalApi.GetRowResponse.newBuilder().setConsumed(Capacity.ONE_READ)
                .setRow(RowCodec.encodeRow(row)).build();
    }

    private OtsInternalApi.BatchGetRowResponse batchGetRow(OtsInternalApi.BatchGetRowRequest req) {
        int total = 0;
        for (OtsInternalApi.TableInBatchGetRowRequest t : req.getTablesList()) {
            total += t.getPrimaryKeyCount();
        }
        if (total > Limits.MAX_BATCH_GET_ROWS) {
            throw OtsException.invalid("Rows count exceeds the upper limit: " + Limits.MAX_BATCH_GET_ROWS + ".");
        }
        OtsInternalApi.BatchGetRowResponse.Builder out = OtsInternalApi.BatchGetRowResponse.newBuilder();
        for (OtsInternalApi.TableInBatchGetRowRequest t : req.getTablesList()) {
            OtsInternalApi.TableInBatchGetRowResponse.Builder tOut =
                    OtsInternalApi.TableInBatchGetRowResponse.newBuilder().setTableName(t.getTableName());
            for (ByteString pkBytes : t.getPrimaryKeyList()) {
                OtsInternalApi.RowInBatchGetRowResponse.Builder row = OtsInternalApi.RowInBatchGetRowResponse.newBuilder();
                try {
                    Table table = catalog.get(t.getTableName());
                    ReadSpec spec = Requests.readSpec(t.getColumnsToGetList(), t.hasTimeRange(), t.getTimeRange(),
                            t.hasMaxVersions(), t.getMaxVersions(), t.hasFilter(), t.getFilter(),
                            t.hasStartColumn() ? t.getStartColumn() : null, t.hasEndColumn() ? t.getEndColumn() : null);
                    RowView view = table.get(RowCodec.decodePrimaryKey(pkBytes), spec);
                    row.setIsOk(true).setConsumed(Capacity.ONE_READ).setRow(RowCodec.encodeRow(view));
                } catch (OtsException e) {
                    row.setIsOk(false).setError(Requests.error(e));
                }
                tOut.addRows(row);
            }
            out.addTables(tOut);
        }
        return out.build();
    }

    private OtsInternalApi.GetRangeResponse getRange(OtsInternalApi.GetRangeRequest req) {
        Table table = catalog.get(req.getTableName());
        ReadSpec spec = Requests.readSpec(req.getColumnsToGetList(), req.hasTimeRange(), req.getTimeRange(),
                req.hasMaxVersions(), req.getMaxVersions(), req.hasFilter(), req.getFilter(),
                req.hasStartColumn() ? req.getStartColumn() : null, req.hasEndColumn() ? req.getEndColumn() : null);
        int limit = req.hasLimit() ? req.getLimit() : Limits.MAX_RANGE_ROWS;
        if (limit <= 0) {
            throw OtsException.invalid("The limit must be greater than 0.");
        }
        PrimaryKey start = RowCodec.decodePrimaryKey(req.getInclusiveStartPrimaryKey());
        PrimaryKey end = RowCodec.decodePrimaryKey(req.getExclusiveEndPrimaryKey());
        RangeResult page = table.range(start, end, req.getDirection() == OtsInternalApi.Direction.FORWARD,
                Math.min(limit, Limits.MAX_RANGE_ROWS), spec, Limits.MAX_RANGE_RESPONSE_BYTES);
        OtsInternalApi.GetRangeResponse.Builder out = OtsInternalApi.GetRangeResponse.newBuilder()
                .setConsumed(Capacity.consumed(Math.max(1, page.rows().size()), 0))
                .setRows(RowCodec.encodeRowViews(page.rows()));
        if (page.nextStart() != null) {
            out.setNextStartPrimaryKey(RowCodec.encodePrimaryKey(page.nextStart()));
        }
        return out.build();
    }
}
