package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.PlainBufferBuilder;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCell;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCodedOutputStream;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConsts;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferOutputStream;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferRow;
import com.alicloud.openservices.tablestore.model.ColumnValue;
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

/** PlainBuffer rows to engine values (CRC8 checked on the way in) and back (with the SDK's own writer). */
public final class RowCodec {

    private RowCodec() {
    }

    public static PrimaryKey decodePrimaryKey(ByteString bytes) {
        try {
            return PlainBufferReader.readPrimaryKey(bytes.asReadOnlyByteBuffer());
        } catch (IOException e) {
            throw invalidPlainBuffer(e);
        }
    }

    public static RowMutation decodeMutation(RowMutation.Kind kind, ByteString bytes) {
        return decodeMutation(kind, bytes, new ColumnNames());
    }

    /** A row of a batch: {@code names} is shared by the rows of one request. */
    static RowMutation decodeMutation(RowMutation.Kind kind, ByteString bytes, ColumnNames names) {
        try {
            return PlainBufferReader.readMutation(bytes.asReadOnlyByteBuffer(), kind, names);
        } catch (IOException e) {
            throw invalidPlainBuffer(e);
        }
    }

    private static OtsException invalidPlainBuffer(IOException e) {
        return OtsException.invalid("Invalid PlainBuffer: " + e.getMessage());
    }

    /** One attribute cell of a request as a column change ({@code cellType} -1 and {@code timestamp} null when absent). */
    static ColumnChange toChange(RowMutation.Kind kind, String name, ColumnValue value, int cellType, Long timestamp) {
        ColumnChange.Op op = ColumnChange.Op.PUT;
        if (cellType >= 0) {
            op = switch (cellType) {
                case PlainBufferConsts.DELETE_ALL_VERSION -> ColumnChange.Op.DELETE_ALL_VERSIONS;
                case PlainBufferConsts.DELETE_ONE_VERSION -> ColumnChange.Op.DELETE_ONE_VERSION;
                case PlainBufferConsts.INCREMENT -> ColumnChange.Op.INCREMENT;
                default -> throw OtsException.invalid("Unknown cell operation type: " + cellType);
            };
        }
        if (kind == RowMutation.Kind.PUT && op != ColumnChange.Op.PUT) {
            throw OtsException.invalid("PutRow cannot carry delete or increment operations.");
        }
        if (op == ColumnChange.Op.PUT && value == null) {
            throw OtsException.invalid("The value of column '" + name + "' is missing.");
        }
        return new ColumnChange(op, name, value, timestamp);
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
