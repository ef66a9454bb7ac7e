package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A primary key as an order-preserving byte string: the table's sorted map compares keys with one
 * unsigned byte comparison instead of the SDK's column-by-column compareTo, and a stored key costs
 * one small array instead of a tree of SDK objects ({@link #primaryKey} rebuilds those). Strings
 * sort by their UTF-8 bytes, as the service sorts them; INF_MIN/INF_MAX sort before/after any value.
 */
public final class RowKey implements Comparable<RowKey> {
    private static final int INF_MIN = 0x01;
    private static final int VALUE = 0x02;
    private static final int INF_MAX = 0x03;

    private final byte[] sortKey;

    public RowKey(PrimaryKey primaryKey) {
        this.sortKey = encode(primaryKey);
    }

    /** The key with the schema's column names; only for keys of real rows (no infinities). */
    public PrimaryKey primaryKey(List<PrimaryKeyColumnSchema> schema) {
        PrimaryKeyColumn[] cols = new PrimaryKeyColumn[schema.size()];
        int pos = 0;
        for (int i = 0; i < cols.length; i++) {
            PrimaryKeyColumnSchema c = schema.get(i);
            if (sortKey[pos++] != VALUE) {
                throw new IllegalStateException("A stored key holds no infinity");
            }
            PrimaryKeyValue v;
            if (c.type() == PrimaryKeyType.INTEGER) {
                long n = 0;
                for (int b = 0; b < 8; b++) {
                    n = (n << 8) | (sortKey[pos++] & 0xff);
                }
                v = PrimaryKeyValue.fromLong(n ^ Long.MIN_VALUE);
            } else {
                ByteArrayOutputStream raw = new ByteArrayOutputStream(16);
                while (!(sortKey[pos] == 0 && sortKey[pos + 1] == 1)) {
                    raw.write(sortKey[pos]);
                    pos += sortKey[pos] == 0 ? 2 : 1; // an escaped 0x00 is followed by 0xFF
                }
                pos += 2;
                v = c.type() == PrimaryKeyType.STRING
                        ? PrimaryKeyValue.fromString(raw.toString(StandardCharsets.UTF_8))
                        : PrimaryKeyValue.fromBinary(raw.toByteArray());
            }
            cols[i] = new PrimaryKeyColumn(c.name(), v);
        }
        return new PrimaryKey(cols);
    }

    @Override
    public int compareTo(RowKey o) {
        return Arrays.compareUnsigned(sortKey, o.sortKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowKey k && Arrays.equals(sortKey, k.sortKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sortKey);
    }

    /** Sized exactly first, then filled: a key is encoded once per written row. */
    private static byte[] encode(PrimaryKey pk) {
        PrimaryKeyColumn[] cols = pk.getPrimaryKeyColumns();
        int size = 0;
        for (PrimaryKeyColumn c : cols) {
            size += 1 + valueSize(c.getValue());
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (PrimaryKeyColumn c : cols) {
            PrimaryKeyValue v = c.getValue();
            if (v.isInfMin()) {
                out[pos++] = INF_MIN;
                continue;
            }
            if (v.isInfMax()) {
                out[pos++] = INF_MAX;
                continue;
            }
            out[pos++] = VALUE;
            switch (v.getType()) {
                case INTEGER -> {
                    long n = v.asLong() ^ Long.MIN_VALUE; // flip the sign bit: signed order as unsigned bytes
                    for (int shift = 56; shift >= 0; shift -= 8) {
                        out[pos++] = (byte) (n >>> shift);
                    }
                }
                case STRING -> pos = escaped(out, pos, v.asStringInBytes()); // the decoder's UTF-8 bytes, not a new encoding
                case BINARY -> pos = escaped(out, pos, v.asBinary());
                default -> throw new IllegalArgumentException("Unsupported primary key value: " + v);
            }
        }
        return out;
    }

    private static int valueSize(PrimaryKeyValue v) {
        if (v.isInfMin() || v.isInfMax()) {
            return 0;
        }
        return switch (v.getType()) {
            case INTEGER -> 8;
            case STRING -> escapedSize(v.asStringInBytes());
            case BINARY -> escapedSize(v.asBinary());
            default -> throw new IllegalArgumentException("Unsupported primary key value: " + v);
        };
    }

    private static int escapedSize(byte[] bytes) {
        int n = bytes.length + 2;
        for (byte b : bytes) {
            if (b == 0) {
                n++;
            }
        }
        return n;
    }

    /** 0x00 becomes 0x00 0xFF and 0x00 0x01 ends the value, so a prefix sorts first. */
    private static int escaped(byte[] out, int pos, byte[] bytes) {
        for (byte b : bytes) {
            out[pos++] = b;
            if (b == 0) {
                out[pos++] = (byte) 0xFF;
            }
        }
        out[pos++] = 0;
        out[pos++] = 1;
        return pos;
    }
}
