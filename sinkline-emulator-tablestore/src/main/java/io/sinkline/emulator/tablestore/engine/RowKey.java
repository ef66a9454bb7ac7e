package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A primary key with an order-preserving byte encoding, so the table's sorted map compares keys
 * with one unsigned byte comparison instead of the SDK's column-by-column compareTo. Strings sort
 * by their UTF-8 bytes, as the service sorts them; INF_MIN/INF_MAX sort before/after any value.
 */
public final class RowKey implements Comparable<RowKey> {
    private static final int INF_MIN = 0x01;
    private static final int VALUE = 0x02;
    private static final int INF_MAX = 0x03;

    private final PrimaryKey primaryKey;
    private final byte[] sortKey;

    public RowKey(PrimaryKey primaryKey) {
        this.primaryKey = primaryKey;
        this.sortKey = encode(primaryKey);
    }

    public PrimaryKey primaryKey() {
        return primaryKey;
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

    private static byte[] encode(PrimaryKey pk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        for (PrimaryKeyColumn c : pk.getPrimaryKeyColumns()) {
            PrimaryKeyValue v = c.getValue();
            if (v.isInfMin()) {
                out.write(INF_MIN);
                continue;
            }
            if (v.isInfMax()) {
                out.write(INF_MAX);
                continue;
            }
            out.write(VALUE);
            switch (v.getType()) {
                case INTEGER -> {
                    long n = v.asLong() ^ Long.MIN_VALUE; // flip the sign bit: signed order as unsigned bytes
                    for (int shift = 56; shift >= 0; shift -= 8) {
                        out.write((int) (n >>> shift));
                    }
                }
                case STRING -> escaped(out, v.asString().getBytes(StandardCharsets.UTF_8));
                case BINARY -> escaped(out, v.asBinary());
                default -> throw new IllegalArgumentException("Unsupported primary key value: " + v);
            }
        }
        return out.toByteArray();
    }

    /** 0x00 becomes 0x00 0xFF and 0x00 0x01 ends the value, so a prefix sorts first. */
    private static void escaped(ByteArrayOutputStream out, byte[] bytes) {
        for (byte b : bytes) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(1);
    }
}
