package io.sinkline.emulator.tablestore.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The column names read from one request, one String per distinct name: the rows of a batch repeat
 * the same few names, so each is decoded once instead of once per cell.
 */
final class ColumnNames {
    private static final int SLOTS = 32; // a power of two

    private final byte[][] raw = new byte[SLOTS][];
    private final String[] names = new String[SLOTS];

    /** The name in the next {@code length} bytes of {@code in}, which it consumes. */
    String read(ByteBuffer in, int length) {
        int start = in.position();
        int hash = 1;
        for (int i = start; i < start + length; i++) {
            hash = 31 * hash + in.get(i);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] known = raw[slot];
        if (known != null && same(known, in, start, length)) {
            in.position(start + length);
            return names[slot];
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        String name = new String(bytes, StandardCharsets.UTF_8);
        raw[slot] = bytes;
        names[slot] = name;
        return name;
    }

    private static boolean same(byte[] known, ByteBuffer in, int start, int length) {
        if (known.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known[i] != in.get(start + i)) {
                return false;
            }
        }
        return true;
    }
}
