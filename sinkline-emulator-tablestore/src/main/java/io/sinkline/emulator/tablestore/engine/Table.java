package io.sinkline.emulator.tablestore.engine;

import com.alicloud.openservices.tablestore.model.ColumnType;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import io.sinkline.emulator.tablestore.error.OtsErrorCode;
import io.sinkline.emulator.tablestore.error.OtsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One wide-column table: rows ordered by primary key, every write atomic per row (conditions are
 * checked and the stream told inside the same per-key update).
 */
public final class Table {
    private final TableSchema schema;
    /** Rows by key: point reads and writes cost a hash lookup instead of a walk down the ordered index. */
    private final ConcurrentHashMap<RowKey, StoredRow> rows = new ConcurrentHashMap<>();
    /** The keys in order, for ranges. A key is added after its row and removed after it (under the row's lock). */
    private final KeyIndex order = new KeyIndex();
    private final Object[] rowLocks = new Object[64];
    /** One String per column name, shared by every cell of the table (saves memory with many rows). */
    private final ConcurrentHashMap<String, String> columnNames = new ConcurrentHashMap<>();
    private final AtomicLong autoIncrement;
    private final LongSupplier clockMillis;
    private final AtomicLong changeCounter;
    private volatile TableOptions options;
    private volatile StreamSettings stream;
    private volatile RowChangeListener listener = RowChangeListener.NONE;
    private volatile int[] reservedThroughput = {0, 0};
    private final Set<String> primaryKeyNames;

    public Table(TableSchema schema, TableOptions options, StreamSettings stream, LongSupplier clockMillis,
                 AtomicLong changeCounter) {
        this.schema = schema;
        this.changeCounter = changeCounter;
        this.options = options;
        this.stream = stream;
        this.clockMillis = clockMillis;
        this.autoIncrement = new AtomicLong(clockMillis.getAsLong() * 1000);
        Set<String> names = new HashSet<>();
        schema.primaryKey().forEach(c -> names.add(c.name()));
        this.primaryKeyNames = Set.copyOf(names);
        for (int i = 0; i < rowLocks.length; i++) {
            rowLocks[i] = new Object();
        }
    }

    public TableSchema schema() {
        return schema;
    }

    public String name() {
        return schema.name();
    }

    public TableOptions options() {
        return options;
    }

    public void options(TableOptions newOptions) {
        this.options = newOptions;
    }

    public StreamSettings stream() {
        return stream;
    }

    public void stream(StreamSettings settings) {
        this.stream = settings;
    }

    /** Reserved read and write capacity units, as set by CreateTable/UpdateTable (not enforced). */
    public int[] reservedThroughput() {
        return reservedThroughput.clone();
    }

    public void reservedThroughput(int read, int write) {
        this.reservedThroughput = new int[] {read, write};
    }

    public void listener(RowChangeListener l) {
        this.listener = l == null ? RowChangeListener.NONE : l;
    }

    public long now() {
        return clockMillis.getAsLong();
    }

    /** Applies one row write atomically, or throws the service's error for it. */
    public WriteResult write(RowMutation mutation, WriteCondition condition) {
        long now = clockMillis.getAsLong();
        TableOptions opts = options;
        if (mutation.kind() == RowMutation.Kind.UPDATE && !opts.allowUpdate()) {
            throw OtsException.invalid("UpdateRow is not allowed on a table with allow_update=false.");
        }
        PrimaryKey pk = resolvePrimaryKey(mutation.primaryKey(), mutation.kind() == RowMutation.Kind.PUT);
        List<ColumnChange> changes = resolveVersions(mutation.changes(), now, opts);
        List<ColumnChange> applied = new ArrayList<>(changes.size());
        // A lock per key stripe makes check-and-write atomic per row (ConcurrentSkipListMap.compute may
        // run its function more than once, which would double stream records).
        synchronized (rowLocks[(pk.hashCode() & 0x7fffffff) % rowLocks.length]) {
            RowKey key = new RowKey(pk);
            // A plain put or delete does not look at the row it replaces: one hash lookup fewer per row.
            boolean readsCurrent = mutation.kind() == RowMutation.Kind.UPDATE
                    || condition.existence() != RowExistence.IGNORE || condition.columnCondition() != null;
            StoredRow current = readsCurrent ? rows.get(key) : null;
            boolean exists = current != null && current.exists(opts, now);
            checkCondition(condition, exists, current, opts, now);
            StoredRow next = apply(mutation.kind(), current, changes, opts, now, applied);
            if (next == null) {
                if (rows.remove(key) != null) {
                    order.remove(key);
                }
            } else if (rows.put(key, next) == null) {
                order.add(key);
            }
            RowChangeListener l = listener;
            if (l != RowChangeListener.NONE) {
                l.rowChanged(this, new RowChange(mutation.kind(), pk, List.copyOf(applied), now * 1000));
            }
        }
        changeCounter.incrementAndGet();
        return new WriteResult(pk, applied);
    }

    /** Puts stored cells as they are (restoring from disk). */
    public void restore(PrimaryKey pk, List<Cell> cells) {
        List<Cell> shared = new ArrayList<>(cells.size());
        for (Cell c : cells) {
            shared.add(new Cell(columnNames.computeIfAbsent(c.name(), n -> n), c.timestamp(), c.value()));
        }
        RowKey key = new RowKey(pk);
        rows.put(key, StoredRow.of(shared));
        order.add(key);
        for (PrimaryKeyColumn c : pk.getPrimaryKeyColumns()) {
            if (c.getValue().getType() == com.alicloud.openservices.tablestore.model.PrimaryKeyType.INTEGER) {
                long v = c.getValue().asLong();
                autoIncrement.accumulateAndGet(v, Math::max);
            }
        }
    }

    /** Every stored row with all its cells, for snapshots. */
    public Iterable<Map.Entry<RowKey, StoredRow>> storedRows() {
        return rows.entrySet();
    }

    public RowView get(PrimaryKey pk, ReadSpec spec) {
        validatePrimaryKey(pk, false, false);
        long now = clockMillis.getAsLong();
        RowKey key = new RowKey(pk);
        return view(pk, key, rows.get(key), spec, options, now);
    }

    /**
     * Rows from {@code start} (inclusive) to {@code end} (exclusive), in key order or reversed, at most
     * {@code limit} rows and about {@code maxBytes} of cells.
     */
    public RangeResult range(PrimaryKey start, PrimaryKey end, boolean forward, int limit, ReadSpec spec, long maxBytes) {
        validatePrimaryKey(start, false, true);
        validatePrimaryKey(end, false, true);
        RowKey from = new RowKey(start);
        RowKey to = new RowKey(end);
        int cmp = from.compareTo(to);
        if (forward ? cmp > 0 : cmp < 0) {
            throw OtsException.invalid("The input parameter is invalid: the start primary key must be "
                    + (forward ? "less" : "greater") + " than the end primary key for direction "
                    + (forward ? "FORWARD." : "BACKWARD."));
        }
        if (cmp == 0) {
            return new RangeResult(List.of(), null);
        }
        NavigableSet<RowKey> keys = order.keys(rows::containsKey);
        NavigableSet<RowKey> slice = forward
                ? keys.subSet(from, true, to, false)
                : keys.subSet(to, false, from, true).descendingSet();
        long now = clockMillis.getAsLong();
        TableOptions opts = options;
        List<RowView> out = new ArrayList<>();
        long bytes = 0;
        for (RowKey key : slice) {
            StoredRow row = rows.get(key);
            if (row == null) {
                continue; // deleted while we iterate
            }
            if (out.size() >= limit || bytes >= maxBytes) {
                return new RangeResult(out, key.primaryKey(schema.primaryKey()));
            }
            RowView v = view(key, row, spec, opts, now);
            if (v != null) {
                out.add(v);
                bytes += estimateBytes(v);
            }
        }
        return new RangeResult(out, null);
    }

    private static long estimateBytes(RowView v) {
        long n = 32;
        for (Cell c : v.cells()) {
            n += c.name().length() + 16 + c.valueSize();
        }
        return n;
    }

    private RowView view(RowKey key, StoredRow row, ReadSpec spec, TableOptions opts, long now) {
        return view(null, key, row, spec, opts, now);
    }

    /** The row as read, or null; the key is decoded only for rows that are returned. */
    private RowView view(PrimaryKey pk, RowKey key, StoredRow row, ReadSpec spec, TableOptions opts, long now) {
        if (row == null || !row.exists(opts, now)) {
            return null;
        }
        if (spec.filter() != null && !spec.filter().test(row.visibleCells(opts, now))) {
            return null;
        }
        List<Cell> cells = row.select(spec, opts, now);
        if (cells.isEmpty() && !spec.columns().isEmpty()) {
            return null;
        }
        return new RowView(pk != null ? pk : key.primaryKey(schema.primaryKey()), cells);
    }

    private static void checkCondition(WriteCondition condition, boolean exists, StoredRow current,
                                       TableOptions opts, long now) {
        switch (condition.existence()) {
            case EXPECT_EXIST -> {
                if (!exists) {
                    throw new OtsException(OtsErrorCode.CONDITION_CHECK_FAIL, "Condition check failed.");
                }
            }
            case EXPECT_NOT_EXIST -> {
                if (exists) {
                    throw new OtsException(OtsErrorCode.CONDITION_CHECK_FAIL, "Condition check failed.");
                }
            }
            default -> { }
        }
        if (condition.columnCondition() != null) {
            List<Cell> visible = exists ? current.visibleCells(opts, now) : List.of();
            if (!condition.columnCondition().test(visible)) {
                throw new OtsException(OtsErrorCode.CONDITION_CHECK_FAIL, "Condition check failed.");
            }
        }
    }

    private static StoredRow apply(RowMutation.Kind kind, StoredRow current, List<ColumnChange> changes,
                                   TableOptions opts, long now, List<ColumnChange> applied) {
        switch (kind) {
            case DELETE:
                return null;
            case PUT: {
                List<Cell> cells = new ArrayList<>(changes.size());
                for (ColumnChange c : changes) {
                    cells.add(new Cell(c.name(), c.timestamp(), c.value()));
                    applied.add(c);
                }
                StoredRow next = trim(StoredRow.of(cells), opts, now);
                // A row put without columns exists by its key; one whose columns all expired does not.
                return next.size() == 0 && !changes.isEmpty() ? null : next;
            }
            default: {
                List<Cell> cells = current == null ? new ArrayList<>() : new ArrayList<>(current.allCells());
                for (ColumnChange c : changes) {
                    switch (c.op()) {
                        case PUT -> cells.add(new Cell(c.name(), c.timestamp(), c.value()));
                        case DELETE_ONE_VERSION -> cells.removeIf(x -> x.name().equals(c.name()) && x.timestamp() == c.timestamp());
                        case DELETE_ALL_VERSIONS -> cells.removeIf(x -> x.name().equals(c.name()));
                        case INCREMENT -> {
                            long base = latestInteger(cells, c.name(), opts, now);
                            ColumnValue sum = ColumnValue.fromLong(base + c.value().asLong());
                            cells.add(new Cell(c.name(), c.timestamp(), sum));
                            applied.add(c.withValue(sum));
                            continue;
                        }
                        default -> throw new IllegalStateException(c.op().name());
                    }
                    applied.add(c);
                }
                StoredRow next = trim(StoredRow.of(cells), opts, now);
                return next.size() == 0 ? null : next;
            }
        }
    }

    private static long latestInteger(List<Cell> cells, String name, TableOptions opts, long now) {
        Cell latest = null;
        for (Cell c : cells) {
            if (c.name().equals(name) && !opts.expired(c.timestamp(), now)
                    && (latest == null || c.timestamp() > latest.timestamp())) {
                latest = c;
            }
        }
        if (latest == null) {
            return 0;
        }
        if (latest.value().getType() != ColumnType.INTEGER) {
            throw OtsException.invalid("The type of column to increment must be INTEGER: " + name);
        }
        return latest.value().asLong();
    }

    /** Drops expired cells and versions beyond max versions, so memory follows what is visible. */
    private static StoredRow trim(StoredRow row, TableOptions opts, long now) {
        if (opts.timeToLiveSeconds() <= 0 && opts.maxVersions() >= row.mostVersionsOfOneColumn()) {
            return row;
        }
        List<Cell> visible = row.visibleCells(opts, now);
        return visible.size() == row.size() ? row : StoredRow.of(visible);
    }

    private List<ColumnChange> resolveVersions(List<ColumnChange> changes, long now, TableOptions opts) {
        if (changes.size() > Limits.MAX_COLUMNS_PER_WRITE) {
            throw new OtsException(OtsErrorCode.OUT_OF_COLUMN_COUNT_LIMIT,
                    "The number of columns in one row exceeds the limit: " + Limits.MAX_COLUMNS_PER_WRITE + ".");
        }
        List<ColumnChange> out = new ArrayList<>(changes.size());
        long offsetMillis = opts.maxVersionOffsetSeconds() * 1000L;
        Long serverVersion = now; // boxed once per row, not once per column
        for (ColumnChange raw : changes) {
            validateColumn(raw, primaryKeyNames);
            ColumnChange c = raw;
            String name = columnNames.computeIfAbsent(raw.name(), n -> n);
            if (c.op() == ColumnChange.Op.DELETE_ALL_VERSIONS) {
                out.add(new ColumnChange(c.op(), name, null, null));
                continue;
            }
            if (c.op() == ColumnChange.Op.DELETE_ONE_VERSION && c.timestamp() == null) {
                throw OtsException.invalid("The timestamp of the version to delete is missing: " + c.name());
            }
            Long ts = c.timestamp() == null || c.op() == ColumnChange.Op.INCREMENT ? serverVersion : c.timestamp();
            if (c.op() == ColumnChange.Op.PUT && (ts < now - offsetMillis || ts > now + offsetMillis || ts < 0)) {
                throw OtsException.invalid("The timestamp " + ts + " of column " + c.name()
                        + " is out of the range allowed by max version offset " + opts.maxVersionOffsetSeconds() + "s.");
            }
            out.add(new ColumnChange(c.op(), name, c.value(), ts));
        }
        return out;
    }

    private static void validateColumn(ColumnChange c, Set<String> pkNames) {
        int nameLength = c.name().length();
        // A UTF-8 char takes at most 3 bytes: short names need no encoding to be checked.
        int nameBytes = nameLength * 3 <= Limits.MAX_COLUMN_NAME_BYTES ? nameLength : c.name().getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes == 0 || nameBytes > Limits.MAX_COLUMN_NAME_BYTES) {
            throw OtsException.invalid("The length of attribute column name is invalid: '" + c.name() + "'.");
        }
        if (pkNames.contains(c.name())) {
            throw OtsException.invalid("The attribute column name '" + c.name() + "' duplicates a primary key column.");
        }
        int valueSize = c.value() == null ? 0 : valueSize(c.value());
        if (valueSize > Limits.MAX_COLUMN_VALUE_BYTES) {
            throw new OtsException(OtsErrorCode.PARAMETER_INVALID,
                    "The length of attribute column: '" + c.name() + "' exceeds the MaxLength:" + Limits.MAX_COLUMN_VALUE_BYTES
                            + " with CurrentLength:" + valueSize + ".");
        }
        if (c.op() == ColumnChange.Op.INCREMENT && (c.value() == null || c.value().getType() != ColumnType.INTEGER)) {
            throw OtsException.invalid("The increment value of column '" + c.name() + "' must be INTEGER.");
        }
    }

    /** A value's size; a string by its UTF-8 bytes as received (getDataSize would encode the String again). */
    private static int valueSize(ColumnValue v) {
        return switch (v.getType()) {
            case STRING -> v.asStringInBytes().length;
            case BINARY -> v.asBinary().length;
            default -> v.getDataSize();
        };
    }

    /**
     * The key as written: auto-increment values generated and column names shared with the schema.
     * String values keep the decoder's UTF-8 bytes, which the row key is built from.
     */
    private PrimaryKey resolvePrimaryKey(PrimaryKey pk, boolean isPut) {
        validatePrimaryKey(pk, isPut, false);
        PrimaryKeyColumn[] cols = pk.getPrimaryKeyColumns();
        PrimaryKeyColumn[] out = new PrimaryKeyColumn[cols.length];
        for (int i = 0; i < cols.length; i++) {
            PrimaryKeyValue v = cols[i].getValue();
            String name = schema.primaryKey().get(i).name();
            if (v.isPlaceHolderForAutoIncr()) {
                v = PrimaryKeyValue.fromLong(autoIncrement.incrementAndGet());
            }
            out[i] = new PrimaryKeyColumn(name, v);
        }
        return new PrimaryKey(out);
    }

    /** Checks a key against the schema: names, order, types, sizes; infinities only in ranges. */
    public void validatePrimaryKey(PrimaryKey pk, boolean allowAutoIncrement, boolean allowInfinity) {
        List<PrimaryKeyColumnSchema> meta = schema.primaryKey();
        PrimaryKeyColumn[] cols = pk.getPrimaryKeyColumns();
        if (cols.length != meta.size()) {
            throw OtsException.invalid("Validate PK size fail. Input: " + cols.length + ", Meta: " + meta.size() + ".");
        }
        for (int i = 0; i < cols.length; i++) {
            PrimaryKeyColumnSchema m = meta.get(i);
            PrimaryKeyColumn c = cols[i];
            if (!m.name().equals(c.getName())) {
                throw OtsException.invalid("Validate PK name fail. Input: " + c.getName() + ", Meta: " + m.name() + ".");
            }
            PrimaryKeyValue v = c.getValue();
            if (v.isInfMin() || v.isInfMax()) {
                if (!allowInfinity) {
                    throw OtsException.invalid("INF_MIN or INF_MAX is not allowed in primary key column '" + c.getName() + "'.");
                }
                continue;
            }
            if (v.isPlaceHolderForAutoIncr()) {
                if (!allowAutoIncrement || !m.autoIncrement()) {
                    throw OtsException.invalid("AUTO_INCREMENT is only allowed when putting a row, in an auto-increment column: '"
                            + c.getName() + "'.");
                }
                continue;
            }
            if (v.getType() != m.type()) {
                throw OtsException.invalid("Validate PK type fail. Input: " + v.getType() + ", Meta: " + m.type() + ".");
            }
            if (v.getDataSize() > Limits.MAX_PRIMARY_KEY_VALUE_BYTES) {
                throw OtsException.invalid("The length of primary key column: '" + c.getName() + "' exceeds the MaxLength:"
                        + Limits.MAX_PRIMARY_KEY_VALUE_BYTES + " with CurrentLength:" + v.getDataSize() + ".");
            }
        }
    }
}
