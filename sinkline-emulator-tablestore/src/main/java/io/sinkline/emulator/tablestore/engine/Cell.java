package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.ColumnType;
import com.alicloud.openservices.tablestore.model.ColumnValue;

import java.nio.charset.StandardCharsets;

/**
 * One version of one attribute column. Kept compact (a number or the raw bytes, not the SDK's
 * value object) because a table holds millions of them; {@link #value()} rebuilds the SDK value.
 */
public final class Cell {
    private final String name;
    private final long timestamp;
    private final ColumnType type;
    private final long bits;
    private final byte[] bytes;

    public Cell(String name, long timestamp, ColumnValue value) {
        this.name = name;
        this.timestamp = timestamp;
        this.type = value.getType();
        switch (type) {
            case INTEGER -> {
                bits = value.asLong();
                bytes = null;
            }
            case DOUBLE -> {
                bits = Double.doubleToRawLongBits(value.asDouble());
                bytes = null;
            }
            case BOOLEAN -> {
                bits = value.asBoolean() ? 1 : 0;
                bytes = null;
            }
            case STRING -> {
                bits = 0;
                bytes = value.asStringInBytes();
            }
            case BINARY -> {
                bits = 0;
                bytes = value.asBinary();
            }
            default -> throw new IllegalArgumentException("Unsupported column type: " + type);
        }
    }

    /** A cell as {@link StoredRow} keeps it packed: the value as bits (numbers) or bytes (strings, binary). */
    Cell(String name, long timestamp, ColumnType type, long bits, byte[] bytes) {
        this.name = name;
        this.timestamp = timestamp;
        this.type = type;
        this.bits = bits;
        this.bytes = bytes;
    }

    ColumnType type() {
        return type;
    }

    long bits() {
        return bits;
    }

    byte[] bytes() {
        return bytes;
    }

    public String name() {
        return name;
    }

    public long timestamp() {
        return timestamp;
    }

    public ColumnValue value() {
        return switch (type) {
            case INTEGER -> ColumnValue.fromLong(bits);
            case DOUBLE -> ColumnValue.fromDouble(Double.longBitsToDouble(bits));
            case BOOLEAN -> ColumnValue.fromBoolean(bits != 0);
            case STRING -> ColumnValue.fromString(new String(bytes, StandardCharsets.UTF_8), bytes);
            case BINARY -> ColumnValue.fromBinary(bytes);
            default -> throw new IllegalStateException(type.name());
        };
    }

    /** Approximate size of the value, for response size limits. */
    public int valueSize() {
        return bytes == null ? 8 : bytes.length;
    }

    @Override
    public String toString() {
        return name + "@" + timestamp + "=" + value();
    }
}
