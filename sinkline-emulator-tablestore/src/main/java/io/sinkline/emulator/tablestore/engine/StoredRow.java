package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.ColumnType;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A row's attribute cells, immutable: writers replace the whole object, so readers never see a
 * half-applied change. Cells are sorted by column name, newest version first. A table holds millions
 * of rows, so the cells are packed: the (shared) column names in one array, versions and values in
 * one byte array; {@link Cell} objects exist only while a row is read or changed.
 */
public final class StoredRow {
    /** By column name, newest version first (written out: this sort runs for every written row). */
    static final Comparator<Cell> ORDER = (x, y) -> {
        int byName = x.name().compareTo(y.name());
        return byName != 0 ? byName : Long.compare(y.timestamp(), x.timestamp());
    };

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ColumnType[] TYPES = ColumnType.values();

    private final String[] names;
    /** Per cell: version (8 bytes), type (1), then the value: 8 bytes of bits, or a 4-byte length and the bytes. */
    private final byte[] packed;

    private StoredRow(Cell[] cells, int count) {
        names = new String[count];
        int size = 0;
        for (int i = 0; i < count; i++) {
            names[i] = cells[i].name();
            size += 9 + (cells[i].bytes() == null ? 8 : 4 + cells[i].bytes().length);
        }
        packed = new byte[size];
        int pos = 0;
        for (int i = 0; i < count; i++) {
            Cell c = cells[i];
            LONG.set(packed, pos, c.timestamp());
            packed[pos + 8] = (byte) c.type().ordinal();
            pos += 9;
            if (c.bytes() == null) {
                LONG.set(packed, pos, c.bits());
                pos += 8;
            } else {
                INT.set(packed, pos, c.bytes().length);
                System.arraycopy(c.bytes(), 0, packed, pos + 4, c.bytes().length);
                pos += 4 + c.bytes().length;
            }
        }
    }

    /** A row from cells in any order; duplicates (same name and version) keep the last one given. */
    public static StoredRow of(List<Cell> cells) {
        int n = cells.size();
        Cell[] sorted = new Cell[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = cells.get(n - 1 - i); // reversed, so after the stable sort the later duplicate comes first
        }
        Arrays.sort(sorted, ORDER);
        int unique = 0;
        for (int i = 0; i < n; i++) {
            Cell c = sorted[i];
            if (unique == 0 || !sameVersion(sorted[unique - 1], c)) {
                sorted[unique++] = c;
            }
        }
        return new StoredRow(sorted, unique);
    }

    private static boolean sameVersion(Cell a, Cell b) {
        return a.timestamp() == b.timestamp() && a.name().equals(b.name());
    }

    /** All stored cells, expired or not. */
    public List<Cell> allCells() {
        return Arrays.asList(cells());
    }

    private Cell[] cells() {
        Cell[] out = new Cell[names.length];
        int pos = 0;
        for (int i = 0; i < out.length; i++) {
            long timestamp = (long) LONG.get(packed, pos);
            ColumnType type = TYPES[packed[pos + 8]];
            pos += 9;
            if (type == ColumnType.STRING || type == ColumnType.BINARY) {
                int length = (int) INT.get(packed, pos);
                out[i] = new Cell(names[i], timestamp, type, 0, Arrays.copyOfRange(packed, pos + 4, pos + 4 + length));
                pos += 4 + length;
            } else {
                out[i] = new Cell(names[i], timestamp, type, (long) LONG.get(packed, pos), null);
                pos += 8;
            }
        }
        return out;
    }

    /** Cells that are not expired by TTL and within the table's max versions. */
    public List<Cell> visibleCells(TableOptions options, long nowMillis) {
        List<Cell> out = new ArrayList<>(names.length);
        String column = null;
        int versions = 0;
        for (Cell c : cells()) {
            if (!c.name().equals(column)) {
                column = c.name();
                versions = 0;
            }
            if (versions < options.maxVersions() && !options.expired(c.timestamp(), nowMillis)) {
                out.add(c);
                versions++;
            }
        }
        return out;
    }

    /** A row exists while it has a visible cell, or when it was put with its primary key only. */
    public boolean exists(TableOptions options, long nowMillis) {
        if (names.length == 0) {
            return true;
        }
        int pos = 0;
        for (int i = 0; i < names.length; i++) {
            if (!options.expired((long) LONG.get(packed, pos), nowMillis)) {
                return true;
            }
            ColumnType type = TYPES[packed[pos + 8]];
            pos += 9;
            pos += type == ColumnType.STRING || type == ColumnType.BINARY ? 4 + (int) INT.get(packed, pos) : 8;
        }
        return false;
    }

    /** The cells a read asks for, in row order. */
    public List<Cell> select(ReadSpec spec, TableOptions options, long nowMillis) {
        List<Cell> out = new ArrayList<>();
        String column = null;
        int versions = 0;
        for (Cell c : visibleCells(options, nowMillis)) {
            if (!c.name().equals(column)) {
                column = c.name();
                versions = 0;
            }
            if (spec.wants(c.name()) && spec.timeRange().contains(c.timestamp()) && versions < spec.maxVersions()) {
                out.add(c);
                versions++;
            }
        }
        return out;
    }

    /** How many versions the column with the most versions holds (cells are grouped by column). */
    int mostVersionsOfOneColumn() {
        int most = 0;
        int run = 0;
        for (int i = 0; i < names.length; i++) {
            run = i > 0 && names[i].equals(names[i - 1]) ? run + 1 : 1;
            most = Math.max(most, run);
        }
        return most;
    }

    public int size() {
        return names.length;
    }
}
