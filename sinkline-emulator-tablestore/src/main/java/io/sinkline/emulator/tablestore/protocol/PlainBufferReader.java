package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConsts;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCrc8;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import io.sinkline.emulator.tablestore.engine.ColumnChange;
import io.sinkline.emulator.tablestore.engine.RowMutation;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the one PlainBuffer row of a request straight into engine values. The SDK's own reader is
 * written for responses and does not accept the AUTO_INCREMENT placeholder that clients send in
 * primary keys; this one does, and checks the cell and row CRC8s over the bytes as received (the
 * SDK's checksum covers a cell's name, value, timestamp and type, which lie in the buffer as it
 * hashes them), so a row costs no intermediate cell objects.
 */
final class PlainBufferReader {
    private final ByteBuffer in;
    private int tag;
    private final ColumnNames names;

    // The cell being read.
    private String cellName;
    private PrimaryKeyValue keyValue;
    private ColumnValue columnValue;
    private int cellType;
    private long cellTimestamp;

    private PlainBufferReader(ByteBuffer bytes, ColumnNames names) {
        this.in = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.names = names;
    }

    /**
     * The row's key and, unless {@code kind} is DELETE, its column changes; {@code names} may be shared
     * by the rows of one request.
     */
    static RowMutation readMutation(ByteBuffer bytes, RowMutation.Kind kind, ColumnNames names) throws IOException {
        return read(bytes, kind, names);
    }

    /** The row's primary key (a key sent as a row without columns). */
    static PrimaryKey readPrimaryKey(ByteBuffer bytes) throws IOException {
        return read(bytes, null, new ColumnNames()).primaryKey();
    }

    private static RowMutation read(ByteBuffer bytes, RowMutation.Kind kind, ColumnNames names) throws IOException {
        try {
            PlainBufferReader reader = new PlainBufferReader(bytes, names);
            RowMutation row = reader.row(kind);
            if (reader.tag != 0) {
                throw new IOException("Expected one row in the PlainBuffer, got more.");
            }
            return row;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("truncated or malformed PlainBuffer", e);
        }
    }

    private RowMutation row(RowMutation.Kind kind) throws IOException {
        if (in.remaining() < 4 || in.getInt() != PlainBufferConsts.HEADER) {
            throw new IOException("Invalid PlainBuffer header.");
        }
        nextTag();
        if (tag == 0) {
            throw new IOException("Expected one row in the PlainBuffer, got none.");
        }
        byte rowCrc = 0;
        List<PrimaryKeyColumn> pk = new ArrayList<>(4);
        expect(PlainBufferConsts.TAG_ROW_PK);
        nextTag();
        while (tag == PlainBufferConsts.TAG_CELL) {
            rowCrc = PlainBufferCrc8.crc8(rowCrc, cell(true));
            if (cellName == null || keyValue == null) {
                throw new IOException("Invalid primary key cell: " + cellName);
            }
            pk.add(new PrimaryKeyColumn(cellName, keyValue));
        }
        if (pk.isEmpty()) {
            throw new IOException("The primary key of a row is empty.");
        }
        List<ColumnChange> changes = new ArrayList<>(kind == null || kind == RowMutation.Kind.DELETE ? 0 : 16);
        if (tag == PlainBufferConsts.TAG_ROW_DATA) {
            nextTag();
            while (tag == PlainBufferConsts.TAG_CELL) {
                rowCrc = PlainBufferCrc8.crc8(rowCrc, cell(false));
                if (kind != null && kind != RowMutation.Kind.DELETE) {
                    changes.add(RowCodec.toChange(kind, cellName, columnValue, cellType,
                            cellTimestamp < 0 ? null : cellTimestamp));
                }
            }
        }
        byte deleteMarker = 0;
        if (tag == PlainBufferConsts.TAG_DELETE_ROW_MARKER) {
            deleteMarker = 1;
            nextTag();
        }
        rowCrc = PlainBufferCrc8.crc8(rowCrc, deleteMarker);
        if (tag == PlainBufferConsts.TAG_EXTENSION) {
            in.position(in.position() + in.getInt());
            nextTag();
        }
        expect(PlainBufferConsts.TAG_ROW_CHECKSUM);
        if (in.get() != rowCrc) {
            throw new IOException("Row checksum mismatch.");
        }
        nextTag();
        return new RowMutation(kind == null ? RowMutation.Kind.DELETE : kind, new PrimaryKey(pk), changes);
    }

    /** Reads one cell into the fields above and returns its checksum (checked against the one sent). */
    private byte cell(boolean primaryKey) throws IOException {
        cellName = null;
        keyValue = null;
        columnValue = null;
        cellType = -1;
        cellTimestamp = -1;
        byte crc = 0;
        nextTag();
        if (tag == PlainBufferConsts.TAG_CELL_NAME) {
            int length = in.getInt();
            checkLength(length);
            crc = crc(crc, in.position(), length);
            cellName = names.read(in, length);
            nextTag();
        }
        if (tag == PlainBufferConsts.TAG_CELL_VALUE) {
            in.getInt(); // total length of type and value
            int valueStart = in.position();
            if (primaryKey) {
                keyValue = primaryKeyValue(in.get());
            } else {
                columnValue = columnValue(in.get());
            }
            crc = crc(crc, valueStart, in.position() - valueStart);
            nextTag();
        }
        if (tag == PlainBufferConsts.TAG_CELL_TYPE) {
            cellType = in.get() & 0xff;
            nextTag();
        }
        if (tag == PlainBufferConsts.TAG_CELL_TIMESTAMP) {
            cellTimestamp = in.getLong();
            if (cellTimestamp < 0) {
                throw new IOException("The timestamp is negative.");
            }
            crc = PlainBufferCrc8.crc8(crc, cellTimestamp);
            nextTag();
        }
        if (cellType >= 0) {
            crc = PlainBufferCrc8.crc8(crc, (byte) cellType);
        }
        expect(PlainBufferConsts.TAG_CELL_CHECKSUM);
        if (crc != in.get()) {
            throw new IOException("Cell checksum mismatch: " + cellName);
        }
        nextTag();
        return crc;
    }

    private byte crc(byte crc, int from, int length) {
        for (int i = from; i < from + length; i++) {
            crc = PlainBufferCrc8.crc8(crc, in.get(i));
        }
        return crc;
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
        checkLength(length);
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    private void checkLength(int length) throws IOException {
        if (length < 0 || length > in.remaining()) {
            throw new IOException("Invalid length: " + length);
        }
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
