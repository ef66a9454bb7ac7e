package io.sinkline.emulator.tablestore.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A row's attribute cells, immutable: writers replace the whole object, so readers never see a
 * half-applied change. Cells are sorted by column name, newest version first.
 */
public final class StoredRow {
    /** By column name, newest version first (written out: this sort runs for every written row). */
    static final Comparator<Cell> ORDER = (x, y) -> {
        int byName = x.name().compareTo(y.name());
        return byName != 0 ? byName : Long.compare(y.timestamp(), x.timestamp());
    };

    private final Cell[] cells;

    private StoredRow(Cell[] cells) {
        this.cells = cells;
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
        return new StoredRow(unique == n ? sorted : Arrays.copyOf(sorted, unique));
    }

    private static boolean sameVersion(Cell a, Cell b) {
        return a.timestamp() == b.timestamp() && a.name().equals(b.name());
    }

    /** All stored cells, expired or not. */
    public List<Cell> allCells() {
        return Arrays.asList(cells);
    }

    /** Cells that are not expired by TTL and within the table's max versions. */
    public List<Cell> visibleCells(TableOptions options, long nowMillis) {
        List<Cell> out = new ArrayList<>(cells.length);
        String column = null;
        int versions = 0;
        for (Cell c : cells) {
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
        if (cells.length == 0) {
            return true;
        }
        for (Cell c : cells) {
            if (!options.expired(c.timestamp(), nowMillis)) {
                return true;
            }
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
        for (int i = 0; i < cells.length; i++) {
            run = i > 0 && cells[i].name().equals(cells[i - 1].name()) ? run + 1 : 1;
            most = Math.max(most, run);
        }
        return most;
    }

    public int size() {
        return cells.length;
    }
}
