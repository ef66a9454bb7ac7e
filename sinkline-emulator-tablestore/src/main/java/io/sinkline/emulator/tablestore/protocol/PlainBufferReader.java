package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCell;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConsts;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferRow;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the PlainBuffer rows of requests. The SDK's own reader is written for responses and does
 * not accept the AUTO_INCREMENT placeholder that clients send in primary keys; this one does, and
 * checks the cell and row CRC8s the same way (through the SDK's cell and row checksums).
 */
final class PlainBufferReader {
    private final ByteBuffer in;
    private int tag;

    private PlainBufferReader(ByteBuffer bytes) {
        this.in = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    static List<PlainBufferRow> readRows(ByteBuffer bytes) throws IOException {
        try {
            return new PlainBufferReader(bytes).rows();
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("truncated or malformed PlainBuffer", e);
        }
    }

    private List<PlainBufferRow> rows() throws IOException {
        if (in.remaining() < 4 || in.getInt() != PlainBufferConsts.HEADER) {
            throw new IOException("Invalid PlainBuffer header.");
        }
        List<PlainBufferRow> rows = new ArrayList<>();
        nextTag();
        while (tag != 0) {
            rows.add(row());
        }
        return rows;
    }

    private PlainBufferRow row() throws IOException {
        List<PlainBufferCell> pk = new ArrayList<>();
        List<PlainBufferCell> cells = new ArrayList<>();
        expect(PlainBufferConsts.TAG_ROW_PK);
        nextTag();
        while (tag == PlainBufferConsts.TAG_CELL) {
            pk.add(cell(true));
        }
        if (pk.isEmpty()) {
            throw new IOException("The primary key of a row is empty.");
        }
        if (tag == PlainBufferConsts.TAG_ROW_DATA) {
            nextTag();
            while (tag == PlainBufferConsts.TAG_CELL) {
                cells.add(cell(false));
            }
        }
        boolean deleteMarker = false;
        if (tag == PlainBufferConsts.TAG_DELETE_ROW_MARKER) {
            deleteMarker = true;
            nextTag();
        }
        if (tag == PlainBufferConsts.TAG_EXTENSION) {
            in.position(in.position() + in.getInt());
            nextTag();
        }
        expect(PlainBufferConsts.TAG_ROW_CHECKSUM);
        byte checksum = in.get();
        PlainBufferRow row = new PlainBufferRow(pk, cells, deleteMarker);
        if (row.getChecksum() != checksum) {
            throw new IOException("Row checksum mismatch.");
        }
        nextTag();
        return row;
    }

    private PlainBufferCell cell(boolean primaryKey) throws IOException {
        PlainBufferCell cell = new PlainBufferCell();
        nextTag();
        if (tag == PlainBufferConsts.TAG_CELL_NAME) {
            cell.setCellName(new String(bytes(in.getInt()), StandardCharsets.UTF_8));
            nextTag();
        }
        if (tag == PlainBufferConsts.TAG_CELL_VALUE) {
            in.getInt(); // total length of type and value
            if (primaryKey) {
                cell.setPkCellValue(primaryKeyValue(in.get()));
            } else {
                cell.setCellValue(columnValue(in.get()));
            }
            nextTag();
        }
        if (tag == PlainBufferConsts.TAG_CELL_TYPE) {
            cell.setCellType(in.get());
            nextTag();
        }
        if (tag == PlainBufferConsts.TAG_CELL_TIMESTAMP) {
            long ts = in.getLong();
            if (ts < 0) {
                throw new IOException("The timestamp is negative.");
            }
            cell.setCellTimestamp(ts);
            nextTag();
        }
        expect(PlainBufferConsts.TAG_CELL_CHECKSUM);
        if (cell.getChecksum() != in.get()) {
            throw new IOException("Cell checksum mismatch: " + cell.getCellName());
        }
        nextTag();
        return cell;
    }

    private PrimaryKeyValue primaryKeyValue(byte type) throws IOException {
        return switch (type) {
            case PlainBufferConsts.VT_INTEGER -> PrimaryKeyValue.fromLong(in.getLong());
            case PlainBufferConsts.VT_STRING -> {
                byte[] raw = bytes(in.getInt());
                yield PrimaryKeyValue.fromString(new String(raw, StandardCharsets.UTF_8), raw);
            }
            case PlainBufferConsts.VT_BLOB -> PrimaryKeyValue.fromBinary(bytes(in.getInt()));
            case PlainBufferConsts.VT_INF_MIN -> PrimaryKeyValue.INF_MIN;
            case PlainBufferConsts.VT_INF_MAX -> PrimaryKeyValue.INF_MAX;
            case PlainBufferConsts.VT_AUTO_INCREMENT -> PrimaryKeyValue.AUTO_INCREMENT;
            default -> throw new IOException("Unsupported primary key type: " + type);
        };
    }

    private ColumnValue columnValue(byte type) throws IOException {
        return switch (type) {
            case PlainBufferConsts.VT_INTEGER -> ColumnValue.fromLong(in.getLong());
            case PlainBufferConsts.VT_DOUBLE -> ColumnValue.fromDouble(in.getDouble());
            case PlainBufferConsts.VT_BOOLEAN -> ColumnValue.fromBoolean(in.get() != 0);
            case PlainBufferConsts.VT_STRING -> {
                byte[] raw = bytes(in.getInt());
                yield ColumnValue.fromString(new String(raw, StandardCharsets.UTF_8), raw);
            }
            case PlainBufferConsts.VT_BLOB -> ColumnValue.fromBinary(bytes(in.getInt()));
            default -> throw new IOException("Unsupported column type: " + type);
        };
    }

    private byte[] bytes(int length) throws IOException {
        if (length < 0 || length > in.remaining()) {
            throw new IOException("Invalid length: " + length);
        }
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    private void expect(byte expected) throws IOException {
        if (tag != expected) {
            throw new IOException("Expected tag " + expected + " but found " + tag + ".");
        }
    }

    private void nextTag() {
        tag = in.hasRemaining() ? in.get() : 0;
    }
}
