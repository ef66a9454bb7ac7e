package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.PlainBufferBuilder;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCell;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCodedOutputStream;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConsts;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferOutputStream;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferRow;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import io.sinkline.emulator.tablestore.engine.Cell;
import io.sinkline.emulator.tablestore.engine.ColumnChange;
import io.sinkline.emulator.tablestore.engine.RowMutation;
import io.sinkline.emulator.tablestore.engine.RowView;
import io.sinkline.emulator.tablestore.error.OtsException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** PlainBuffer rows to engine values and back, with the SDK's own codec (CRC8 checked on the way in). */
public final class RowCodec {

    private RowCodec() {
    }

    public static PrimaryKey decodePrimaryKey(ByteString bytes) {
        return toPrimaryKey(decodeSingleRow(bytes).getPrimaryKey());
    }

    public static RowMutation decodeMutation(RowMutation.Kind kind, ByteString bytes) {
        PlainBufferRow row = decodeSingleRow(bytes);
        PrimaryKey pk = toPrimaryKey(row.getPrimaryKey());
        if (kind == RowMutation.Kind.DELETE) {
            return new RowMutation(kind, pk, List.of());
        }
        List<ColumnChange> changes = new ArrayList<>(row.getCells().size());
        for (PlainBufferCell cell : row.getCells()) {
            changes.add(toChange(kind, cell));
        }
        return new RowMutation(kind, pk, changes);
    }

    private static ColumnChange toChange(RowMutation.Kind kind, PlainBufferCell cell) {
        Long ts = cell.hasCellTimestamp() ? cell.getCellTimestamp() : null;
        ColumnChange.Op op = ColumnChange.Op.PUT;
        if (cell.hasCellType()) {
            op = switch (cell.getCellType()) {
                case PlainBufferConsts.DELETE_ALL_VERSION -> ColumnChange.Op.DELETE_ALL_VERSIONS;
                case PlainBufferConsts.DELETE_ONE_VERSION -> ColumnChange.Op.DELETE_ONE_VERSION;
                case PlainBufferConsts.INCREMENT -> ColumnChange.Op.INCREMENT;
                default -> throw OtsException.invalid("Unknown cell operation type: " + cell.getCellType());
            };
        }
        if (kind == RowMutation.Kind.PUT && op != ColumnChange.Op.PUT) {
            throw OtsException.invalid("PutRow cannot carry delete or increment operations.");
        }
        if (op == ColumnChange.Op.PUT && !cell.hasCellValue()) {
            throw OtsException.invalid("The value of column '" + cell.getCellName() + "' is missing.");
        }
        return new ColumnChange(op, cell.getCellName(), cell.hasCellValue() ? cell.getCellValue() : null, ts);
    }

    private static PlainBufferRow decodeSingleRow(ByteString bytes) {
        List<PlainBufferRow> rows = decodeRows(bytes);
        if (rows.size() != 1) {
            throw OtsException.invalid("Expected one row in the PlainBuffer, got " + rows.size() + ".");
        }
        return rows.get(0);
    }

    public static List<PlainBufferRow> decodeRows(ByteString bytes) {
        try {
            return PlainBufferReader.readRows(bytes.asReadOnlyByteBuffer());
        } catch (IOException | RuntimeException e) {
            throw OtsException.invalid("Invalid PlainBuffer: " + e.getMessage());
        }
    }

    static PrimaryKey toPrimaryKey(List<PlainBufferCell> cells) {
        List<PrimaryKeyColumn> cols = new ArrayList<>(cells.size());
        for (PlainBufferCell c : cells) {
            if (!c.isPk() || c.getPkCellValue() == null) {
                throw OtsException.invalid("Invalid primary key cell: " + c.getCellName());
            }
            cols.add(new PrimaryKeyColumn(c.getCellName(), c.getPkCellValue()));
        }
        return new PrimaryKey(cols);
    }

    /** One row with the PlainBuffer header, or empty bytes for "no row" (what GetRow answers). */
    public static ByteString encodeRow(RowView row) {
        if (row == null) {
            return ByteString.EMPTY;
        }
        return encodeRows(List.of(toPlainBufferRow(row.primaryKey(), row.cells())));
    }

    public static ByteString encodePrimaryKeyRow(PrimaryKey pk) {
        return encodeRows(List.of(toPlainBufferRow(pk, List.of())));
    }

    public static ByteString encodeRowViews(List<RowView> rows) {
        if (rows.isEmpty()) {
            return ByteString.EMPTY;
        }
        List<PlainBufferRow> pbRows = new ArrayList<>(rows.size());
        for (RowView r : rows) {
            pbRows.add(toPlainBufferRow(r.primaryKey(), r.cells()));
        }
        return encodeRows(pbRows);
    }

    /** A bare primary key (next_start_primary_key and friends). */
    public static ByteString encodePrimaryKey(PrimaryKey pk) {
        try {
            return ByteString.copyFrom(PlainBufferBuilder.buildPrimaryKeyWithHeader(pk));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PlainBufferRow toPlainBufferRow(PrimaryKey pk, List<Cell> cells) {
        List<PlainBufferCell> pkCells = pkCells(pk);
        List<PlainBufferCell> dataCells = new ArrayList<>(cells.size());
        for (Cell c : cells) {
            PlainBufferCell cell = new PlainBufferCell();
            cell.setCellName(c.name());
            cell.setCellValue(c.value());
            cell.setCellTimestamp(c.timestamp());
            dataCells.add(cell);
        }
        return new PlainBufferRow(pkCells, dataCells, false);
    }

    public static List<PlainBufferCell> pkCells(PrimaryKey pk) {
        List<PlainBufferCell> pkCells = new ArrayList<>(pk.size());
        for (PrimaryKeyColumn col : pk.getPrimaryKeyColumns()) {
            PlainBufferCell cell = new PlainBufferCell();
            cell.setCellName(col.getName());
            cell.setPkCellValue(col.getValue());
            pkCells.add(cell);
        }
        return pkCells;
    }

    public static ByteString encodeRows(List<PlainBufferRow> rows) {
        try {
            int size = PlainBufferOutputStream.LITTLE_ENDIAN_32_SIZE;
            for (PlainBufferRow r : rows) {
                size += PlainBufferBuilder.computePlainBufferRow(r);
            }
            PlainBufferOutputStream out = new PlainBufferOutputStream(size);
            PlainBufferCodedOutputStream coded = new PlainBufferCodedOutputStream(out);
            coded.writeHeader();
            for (PlainBufferRow r : rows) {
                coded.writeRow(r);
            }
            return ByteString.copyFrom(out.getBuffer(), 0, out.count());
        } catch (IOException e) {
            throw new IllegalStateException("Encoding a row failed", e);
        }
    }
}
