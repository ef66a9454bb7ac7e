package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.alicloud.openservices.tablestore.model.DefinedColumnType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import io.sinkline.emulator.tablestore.engine.DefinedColumn;
import io.sinkline.emulator.tablestore.engine.Limits;
import io.sinkline.emulator.tablestore.engine.PrimaryKeyColumnSchema;
import io.sinkline.emulator.tablestore.engine.StreamSettings;
import io.sinkline.emulator.tablestore.engine.Table;
import io.sinkline.emulator.tablestore.engine.TableCatalog;
import io.sinkline.emulator.tablestore.engine.TableOptions;
import io.sinkline.emulator.tablestore.engine.TableSchema;
import io.sinkline.emulator.tablestore.error.OtsException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** CreateTable, DescribeTable, ListTable, UpdateTable, DeleteTable. */
public final class TableActions {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    private static final int MIN_TTL_SECONDS = 86400;
    private static final int MAX_STREAM_HOURS = 168;

    private final TableCatalog catalog;

    public TableActions(TableCatalog catalog) {
        this.catalog = catalog;
    }

    public void register(ActionRegistry registry) {
        registry.register("CreateTable", body -> createTable(OtsInternalApi.CreateTableRequest.parseFrom(body)))
                .register("DescribeTable", body -> describeTable(OtsInternalApi.DescribeTableRequest.parseFrom(body)))
                .register("ListTable", body -> listTable())
                .register("UpdateTable", body -> updateTable(OtsInternalApi.UpdateTableRequest.parseFrom(body)))
                .register("DeleteTable", body -> deleteTable(OtsInternalApi.DeleteTableRequest.parseFrom(body)));
    }

    private OtsInternalApi.CreateTableResponse createTable(OtsInternalApi.CreateTableRequest req) {
        OtsInternalApi.TableMeta meta = req.getTableMeta();
        String name = meta.getTableName();
        if (!TABLE_NAME.matcher(name).matches()) {
            throw OtsException.invalid("Invalid table name: '" + name + "'.");
        }
        if (meta.getPrimaryKeyCount() < 1 || meta.getPrimaryKeyCount() > Limits.MAX_PRIMARY_KEY_COLUMNS) {
            throw OtsException.invalid("The number of primary key columns must be in range: [1, "
                    + Limits.MAX_PRIMARY_KEY_COLUMNS + "].");
        }
        List<PrimaryKeyColumnSchema> pk = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < meta.getPrimaryKeyCount(); i++) {
            OtsInternalApi.PrimaryKeySchema s = meta.getPrimaryKey(i);
            if (!names.add(s.getName())) {
                throw OtsException.invalid("Duplicated primary key name: '" + s.getName() + "'.");
            }
            boolean autoIncrement = s.hasOption() && s.getOption() == OtsInternalApi.PrimaryKeyOption.AUTO_INCREMENT;
            if (autoIncrement && (i == 0 || s.getType() != OtsInternalApi.PrimaryKeyType.INTEGER)) {
                throw OtsException.invalid("An auto-increment column must be an INTEGER primary key other than the partition key.");
            }
            pk.add(new PrimaryKeyColumnSchema(s.getName(), toModel(s.getType()), autoIncrement));
        }
        List<DefinedColumn> defined = new ArrayList<>();
        for (OtsInternalApi.DefinedColumnSchema d : meta.getDefinedColumnList()) {
            defined.add(new DefinedColumn(d.getName(), toModel(d.getType())));
        }
        TableOptions options = mergeOptions(TableOptions.DEFAULT, req.hasTableOptions() ? req.getTableOptions() : null);
        long now = catalog.clock().getAsLong();
        StreamSettings stream = req.hasStreamSpec()
                ? streamSettings(name, req.getStreamSpec(), StreamSettings.DISABLED, now) : StreamSettings.DISABLED;
        TableSchema schema = new TableSchema(name, List.copyOf(pk), List.copyOf(defined), now * 1000,
                UUID.randomUUID().toString());
        Table table = catalog.create(schema, options, stream);
        table.reservedThroughput(req.getReservedThroughput().getCapacityUnit().getRead(),
                req.getReservedThroughput().getCapacityUnit().getWrite());
        return OtsInternalApi.CreateTableResponse.getDefaultInstance();
    }

    private OtsInternalApi.DescribeTableResponse describeTable(OtsInternalApi.DescribeTableRequest req) {
        Table table = catalog.get(req.getTableName());
        TableSchema schema = table.schema();
        OtsInternalApi.TableMeta.Builder meta = OtsInternalApi.TableMeta.newBuilder()
                .setTableName(schema.name()).setTableId(schema.tableId());
        for (PrimaryKeyColumnSchema c : schema.primaryKey()) {
            OtsInternalApi.PrimaryKeySchema.Builder s = OtsInternalApi.PrimaryKeySchema.newBuilder()
                    .setName(c.name()).setType(toProto(c.type()));
            if (c.autoIncrement()) {
                s.setOption(OtsInternalApi.PrimaryKeyOption.AUTO_INCREMENT);
            }
            meta.addPrimaryKey(s);
        }
        for (DefinedColumn d : schema.definedColumns()) {
            meta.addDefinedColumn(OtsInternalApi.DefinedColumnSchema.newBuilder().setName(d.name()).setType(toProto(d.type())));
        }
        return OtsInternalApi.DescribeTableResponse.newBuilder()
                .setTableMeta(meta)
                .setReservedThroughputDetails(reservedThroughputDetails(table))
                .setTableOptions(toProto(table.options()))
                .setStreamDetails(streamDetails(table.stream()))
                .setCreationTime(schema.creationTimeMicros())
                .build();
    }

    private OtsInternalApi.ListTableResponse listTable() {
        return OtsInternalApi.ListTableResponse.newBuilder().addAllTableNames(catalog.names()).build();
    }

    private OtsInternalApi.UpdateTableResponse updateTable(OtsInternalApi.UpdateTableRequest req) {
        Table table = catalog.get(req.getTableName());
        if (req.hasTableOptions()) {
            table.options(mergeOptions(table.options(), req.getTableOptions()));
        }
        if (req.hasReservedThroughput()) {
            int[] current = table.reservedThroughput();
            OtsInternalApi.CapacityUnit cu = req.getReservedThroughput().getCapacityUnit();
            table.reservedThroughput(cu.hasRead() ? cu.getRead() : current[0], cu.hasWrite() ? cu.getWrite() : current[1]);
        }
        if (req.hasStreamSpec()) {
            table.stream(streamSettings(table.name(), req.getStreamSpec(), table.stream(), catalog.clock().getAsLong()));
        }
        catalog.updated(table);
        return OtsInternalApi.UpdateTableResponse.newBuilder()
                .setReservedThroughputDetails(reservedThroughputDetails(table))
                .setTableOptions(toProto(table.options()))
                .setStreamDetails(streamDetails(table.stream()))
                .build();
    }

    private OtsInternalApi.DeleteTableResponse deleteTable(OtsInternalApi.DeleteTableRequest req) {
        catalog.delete(req.getTableName());
        return OtsInternalApi.DeleteTableResponse.getDefaultInstance();
    }

    private static OtsInternalApi.ReservedThroughputDetails reservedThroughputDetails(Table table) {
        int[] rt = table.reservedThroughput();
        return OtsInternalApi.ReservedThroughputDetails.newBuilder()
                .setCapacityUnit(OtsInternalApi.CapacityUnit.newBuilder().setRead(rt[0]).setWrite(rt[1]))
                .setLastIncreaseTime(table.schema().creationTimeMicros() / 1_000_000)
                .build();
    }

    static TableOptions mergeOptions(TableOptions base, OtsInternalApi.TableOptions proto) {
        if (proto == null) {
            return base;
        }
        int ttl = proto.hasTimeToLive() ? proto.getTimeToLive() : base.timeToLiveSeconds();
        if (ttl != -1 && ttl < MIN_TTL_SECONDS) {
            throw OtsException.invalid("TimeToLive must be -1 or at least " + MIN_TTL_SECONDS + " seconds.");
        }
        int maxVersions = proto.hasMaxVersions() ? proto.getMaxVersions() : base.maxVersions();
        if (maxVersions < 1) {
            throw OtsException.invalid("MaxVersions must be at least 1.");
        }
        long offset = proto.hasDeviationCellVersionInSec() ? proto.getDeviationCellVersionInSec() : base.maxVersionOffsetSeconds();
        if (offset < 1) {
            throw OtsException.invalid("MaxTimeDeviation must be at least 1 second.");
        }
        boolean allowUpdate = proto.hasAllowUpdate() ? proto.getAllowUpdate() : base.allowUpdate();
        return new TableOptions(ttl, maxVersions, offset, allowUpdate);
    }

    static OtsInternalApi.TableOptions toProto(TableOptions o) {
        return OtsInternalApi.TableOptions.newBuilder()
                .setTimeToLive(o.timeToLiveSeconds())
                .setMaxVersions(o.maxVersions())
                .setDeviationCellVersionInSec(o.maxVersionOffsetSeconds())
                .setAllowUpdate(o.allowUpdate())
                .build();
    }

    private static StreamSettings streamSettings(String table, OtsInternalApi.StreamSpecification spec,
                                                 StreamSettings current, long nowMillis) {
        if (!spec.getEnableStream()) {
            return StreamSettings.DISABLED;
        }
        int hours = spec.hasExpirationTime() ? spec.getExpirationTime() : 24;
        if (hours < 1 || hours > MAX_STREAM_HOURS) {
            throw OtsException.invalid("Stream expiration time must be in range: [1, " + MAX_STREAM_HOURS + "] hours.");
        }
        if (current.enabled()) {
            return new StreamSettings(true, current.streamId(), hours, current.lastEnableTimeMicros(),
                    List.copyOf(spec.getColumnsToGetList()));
        }
        String streamId = table + "_" + nowMillis * 1000;
        return new StreamSettings(true, streamId, hours, nowMillis * 1000, List.copyOf(spec.getColumnsToGetList()));
    }

    private static OtsInternalApi.StreamDetails streamDetails(StreamSettings s) {
        OtsInternalApi.StreamDetails.Builder b = OtsInternalApi.StreamDetails.newBuilder().setEnableStream(s.enabled());
        if (s.enabled()) {
            b.setStreamId(s.streamId()).setExpirationTime(s.expirationHours())
                    .setLastEnableTime(s.lastEnableTimeMicros()).addAllColumnToGet(s.columnsToGet());
        }
        return b.build();
    }

    static PrimaryKeyType toModel(OtsInternalApi.PrimaryKeyType t) {
        return switch (t) {
            case INTEGER -> PrimaryKeyType.INTEGER;
            case STRING -> PrimaryKeyType.STRING;
            case BINARY -> PrimaryKeyType.BINARY;
        };
    }

    static OtsInternalApi.PrimaryKeyType toProto(PrimaryKeyType t) {
        return switch (t) {
            case INTEGER -> OtsInternalApi.PrimaryKeyType.INTEGER;
            case STRING -> OtsInternalApi.PrimaryKeyType.STRING;
            case BINARY -> OtsInternalApi.PrimaryKeyType.BINARY;
        };
    }

    static DefinedColumnType toModel(OtsInternalApi.DefinedColumnType t) {
        return switch (t) {
            case DCT_INTEGER -> DefinedColumnType.INTEGER;
            case DCT_DOUBLE -> DefinedColumnType.DOUBLE;
            case DCT_BOOLEAN -> DefinedColumnType.BOOLEAN;
            case DCT_STRING -> DefinedColumnType.STRING;
            case DCT_BLOB -> DefinedColumnType.BINARY;
        };
    }

    static OtsInternalApi.DefinedColumnType toProto(DefinedColumnType t) {
        return switch (t) {
            case INTEGER -> OtsInternalApi.DefinedColumnType.DCT_INTEGER;
            case DOUBLE -> OtsInternalApi.DefinedColumnType.DCT_DOUBLE;
            case BOOLEAN -> OtsInternalApi.DefinedColumnType.DCT_BOOLEAN;
            case STRING -> OtsInternalApi.DefinedColumnType.DCT_STRING;
            case BINARY -> OtsInternalApi.DefinedColumnType.DCT_BLOB;
        };
    }
}
