package io.sinkline.emulator.tablestore.storage;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Column and primary-key values in the snapshot file. */
final class ValueIO {
    private static final byte LONG = 0;
    private static final byte DOUBLE = 1;
    private static final byte BOOLEAN = 2;
    private static final byte STRING = 3;
    private static final byte BINARY = 4;

    private ValueIO() {
    }

    static void write(DataOutputStream out, ColumnValue v) throws IOException {
        switch (v.getType()) {
            case INTEGER -> {
                out.writeByte(LONG);
                out.writeLong(v.asLong());
            }
            case DOUBLE -> {
                out.writeByte(DOUBLE);
                out.writeDouble(v.asDouble());
            }
            case BOOLEAN -> {
                out.writeByte(BOOLEAN);
                out.writeBoolean(v.asBoolean());
            }
            case STRING -> {
                out.writeByte(STRING);
                bytes(out, v.asStringInBytes());
            }
            case BINARY -> {
                out.writeByte(BINARY);
                bytes(out, v.asBinary());
            }
            default -> throw new IOException("Unsupported column type " + v.getType());
        }
    }

    static ColumnValue readColumn(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case LONG -> ColumnValue.fromLong(in.readLong());
            case DOUBLE -> ColumnValue.fromDouble(in.readDouble());
            case BOOLEAN -> ColumnValue.fromBoolean(in.readBoolean());
            case STRING -> ColumnValue.fromString(new String(bytes(in), StandardCharsets.UTF_8));
            case BINARY -> ColumnValue.fromBinary(bytes(in));
            default -> throw new IOException("Corrupt snapshot: column type " + type);
        };
    }

    /** Primary-key values share the column encoding (only INTEGER, STRING and BINARY occur). */
    static void write(DataOutputStream out, PrimaryKeyValue v) throws IOException {
        write(out, v.toColumnValue());
    }

    static PrimaryKeyValue readPrimaryKey(DataInputStream in) throws IOException {
        return PrimaryKeyValue.fromColumn(readColumn(in));
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
