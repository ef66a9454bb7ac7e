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
    static final Comparator<Cell> ORDER = Comparator.comparing(Cell::name)
            .thenComparing(Comparator.comparingLong(Cell::timestamp).reversed());

    private static final Cell[] NONE = new Cell[0];

    private final Cell[] cells;

    private StoredRow(Cell[] cells) {
        this.cells = cells;
    }

    /** A row from cells in any order; duplicates (same name and version) keep the last one given. */
    public static StoredRow of(List<Cell> cells) {
        List<Cell> sorted = new ArrayList<>(cells.size());
        for (int i = cells.size() - 1; i >= 0; i--) {
            sorted.add(cells.get(i));
        }
        sorted.sort(ORDER); // stable: the later duplicate stays first
        List<Cell> unique = new ArrayList<>(sorted.size());
        Cell previous = null;
        for (Cell c : sorted) {
            if (previous == null || !previous.name().equals(c.name()) || previous.timestamp() != c.timestamp()) {
                unique.add(c);
            }
            previous = c;
        }
        return new StoredRow(unique.toArray(NONE));
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
