package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.PlainBufferRow;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.Timeseries;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.sinkline.emulator.tablestore.engine.TableCatalog;
import io.sinkline.emulator.tablestore.error.OtsErrorCode;
import io.sinkline.emulator.tablestore.error.OtsException;
import io.sinkline.emulator.tablestore.faults.FaultInjector;
import io.sinkline.emulator.tablestore.timeseries.Series;
import io.sinkline.emulator.tablestore.timeseries.SeriesKey;
import io.sinkline.emulator.tablestore.timeseries.TimeseriesCatalog;
import io.sinkline.emulator.tablestore.timeseries.TimeseriesTable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Time-series tables: Create/Describe/List/Update/DeleteTimeseriesTable, PutTimeseriesData (with
 * per-row failures), GetTimeseriesData (paged by token), QueryTimeseriesMeta, Update/DeleteTimeseriesMeta.
 */
public final class TimeseriesActions {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    private static final int DEFAULT_LIMIT = 5000;
    private static final int MAX_PUT_ROWS = 200;

    private final TimeseriesCatalog catalog;
    private final TableCatalog wideTables;
    private final FaultInjector faults;
    private final LongSupplier clockMillis;

    public TimeseriesActions(TimeseriesCatalog catalog, TableCatalog wideTables, FaultInjector faults, LongSupplier clockMillis) {
        this.catalog = catalog;
        this.wideTables = wideTables;
        this.faults = faults;
        this.clockMillis = clockMillis;
    }

    public void register(ActionRegistry r) {
        r.register("CreateTimeseriesTable", b -> create(Timeseries.CreateTimeseriesTableRequest.parseFrom(b)))
                .register("DescribeTimeseriesTable", b -> describe(Timeseries.DescribeTimeseriesTableRequest.parseFrom(b)))
                .register("ListTimeseriesTable", b -> list())
                .register("UpdateTimeseriesTable", b -> update(Timeseries.UpdateTimeseriesTableRequest.parseFrom(b)))
                .register("DeleteTimeseriesTable", b -> delete(Timeseries.DeleteTimeseriesTableRequest.parseFrom(b)))
                .register("PutTimeseriesData", b -> put(Timeseries.PutTimeseriesDataRequest.parseFrom(b)))
                .register("GetTimeseriesData", b -> get(Timeseries.GetTimeseriesDataRequest.parseFrom(b)))
                .register("QueryTimeseriesMeta", b -> queryMeta(Timeseries.QueryTimeseriesMetaRequest.parseFrom(b)))
                .register("UpdateTimeseriesMeta", b -> updateMeta(Timeseries.UpdateTimeseriesMetaRequest.parseFrom(b)))
                .register("DeleteTimeseriesMeta", b -> deleteMeta(Timeseries.DeleteTimeseriesMetaRequest.parseFrom(b)));
    }

    private Timeseries.CreateTimeseriesTableResponse create(Timeseries.CreateTimeseriesTableRequest req) {
        Timeseries.TimeseriesTableMeta meta = req.getTableMeta();
        if (!TABLE_NAME.matcher(meta.getTableName()).matches()) {
            throw OtsException.invalid("Invalid table name: '" + meta.getTableName() + "'.");
        }
        if (meta.getFieldPrimaryKeySchemaCount() > 0) {
            throw new OtsException(OtsErrorCode.UNSUPPORTED_OPERATION,
                    "Field primary keys of time-series tables are not supported by the emulator.");
        }
        if (wideTables.exists(meta.getTableName())) {
            throw new OtsException(OtsErrorCode.OBJECT_ALREADY_EXIST, "Requested table already exists.");
        }
        int ttl = meta.getTableOptions().hasTimeToLive() ? meta.getTableOptions().getTimeToLive() : -1;
        checkTtl(ttl);
        Timeseries.TimeseriesMetaOptions mo = meta.getMetaOptions();
        catalog.create(new TimeseriesTable(meta.getTableName(), ttl,
                mo.hasMetaTimeToLive() ? mo.getMetaTimeToLive() : -1,
                !mo.hasAllowUpdateAttributes() || mo.getAllowUpdateAttributes(),
                meta.getTimeseriesKeySchemaList(), clockMillis.getAsLong() * 1000));
        return Timeseries.CreateTimeseriesTableResponse.getDefaultInstance();
    }

    private static void checkTtl(int ttl) {
        if (ttl != -1 && ttl < 86400) {
            throw OtsException.invalid("TimeToLive must be -1 or at least 86400 seconds.");
        }
    }

    private Timeseries.DescribeTimeseriesTableResponse describe(Timeseries.DescribeTimeseriesTableRequest req) {
        return Timeseries.DescribeTimeseriesTableResponse.newBuilder().setTableMeta(meta(catalog.get(req.getTableName()))).build();
    }

    private Timeseries.ListTimeseriesTableResponse list() {
        Timeseries.ListTimeseriesTableResponse.Builder b = Timeseries.ListTimeseriesTableResponse.newBuilder();
        catalog.tables().forEach(t -> b.addTableMetas(meta(t)));
        return b.build();
    }

    private static Timeseries.TimeseriesTableMeta meta(TimeseriesTable t) {
        return Timeseries.TimeseriesTableMeta.newBuilder()
                .setTableName(t.name())
                .setTableOptions(Timeseries.TimeseriesTableOptions.newBuilder().setTimeToLive(t.timeToLiveSeconds()))
                .setMetaOptions(Timeseries.TimeseriesMetaOptions.newBuilder()
                        .setMetaTimeToLive(t.metaTimeToLiveSeconds()).setAllowUpdateAttributes(t.allowUpdateAttributes()))
                .setStatus("CREATED")
                .addAllTimeseriesKeySchema(t.timeseriesKeySchema())
                .build();
    }

    private Timeseries.UpdateTimeseriesTableResponse update(Timeseries.UpdateTimeseriesTableRequest req) {
        TimeseriesTable t = catalog.get(req.getTableName());
        if (req.hasTableOptions() && req.getTableOptions().hasTimeToLive()) {
            checkTtl(req.getTableOptions().getTimeToLive());
            t.timeToLiveSeconds(req.getTableOptions().getTimeToLive());
        }
        if (req.hasMetaOptions()) {
            if (req.getMetaOptions().hasMetaTimeToLive()) {
                t.metaTimeToLiveSeconds(req.getMetaOptions().getMetaTimeToLive());
            }
            if (req.getMetaOptions().hasAllowUpdateAttributes()) {
                t.allowUpdateAttributes(req.getMetaOptions().getAllowUpdateAttributes());
            }
        }
        catalog.touch();
        return Timeseries.UpdateTimeseriesTableResponse.getDefaultInstance();
    }

    private Timeseries.DeleteTimeseriesTableResponse delete(Timeseries.DeleteTimeseriesTableRequest req) {
        catalog.delete(req.getTableName());
        return Timeseries.DeleteTimeseriesTableResponse.getDefaultInstance();
    }

    private Timeseries.PutTimeseriesDataResponse put(Timeseries.PutTimeseriesDataRequest req) {
        TimeseriesTable t = catalog.get(req.getTableName());
        List<TimeseriesRowsCodec.Point> points = TimeseriesRowsCodec.decode(req.getRowsData());
        if (points.size() > MAX_PUT_ROWS) {
            throw OtsException.invalid("Rows count exceeds the upper limit: " + MAX_PUT_ROWS + ".");
        }
        long nowMicros = clockMillis.getAsLong() * 1000;
        Timeseries.PutTimeseriesDataResponse.Builder out = Timeseries.PutTimeseriesDataResponse.newBuilder();
        for (int i = 0; i < points.size(); i++) {
            TimeseriesRowsCodec.Point p = points.get(i);
            OtsException injected = faults.rowFault("PutTimeseriesData");
            String code = injected != null ? injected.code() : p.error() != null ? OtsErrorCode.PARAMETER_INVALID.code() : null;
            if (code != null) {
                out.addFailedRows(Timeseries.FailedRowInfo.newBuilder().setRowIndex(i).setErrorCode(code)
                        .setErrorMessage(injected != null ? injected.getMessage() : p.error()));
                continue;
            }
            t.seriesFor(p.key(), nowMicros).put(p.timeMicros(), p.fields());
        }
        catalog.touch();
        return out.build();
    }

    private Timeseries.GetTimeseriesDataResponse get(Timeseries.GetTimeseriesDataRequest req) {
        TimeseriesTable t = catalog.get(req.getTableName());
        Series series = t.find(TimeseriesRowsCodec.key(req.getTimeSeriesKey()));
        long begin;
        long end;
        if (req.hasSpecificTime()) {
            begin = req.getSpecificTime();
            end = begin + 1;
        } else {
            begin = req.getBeginTime();
            end = req.getEndTime();
        }
        if (begin >= end) {
            throw OtsException.invalid("The begin time must be less than the end time.");
        }
        int limit = req.hasLimit() && req.getLimit() > 0 ? Math.min(req.getLimit(), DEFAULT_LIMIT) : DEFAULT_LIMIT;
        boolean backward = req.getBackward();
        if (req.hasToken() && !req.getToken().isEmpty()) {
            if (req.getToken().size() != 8) {
                throw OtsException.invalid("Invalid token.");
            }
            long resume = req.getToken().asReadOnlyByteBuffer().getLong();
            if (backward) {
                end = resume + 1;
            } else {
                begin = resume;
            }
        }
        Map<String, Byte> wanted = new HashMap<>();
        for (Timeseries.TimeseriesFieldsToGet f : req.getFieldsToGetList()) {
            wanted.put(f.getName(), f.hasType() ? (byte) f.getType() : null);
        }
        List<PlainBufferRow> rows = new ArrayList<>();
        Timeseries.GetTimeseriesDataResponse.Builder out = Timeseries.GetTimeseriesDataResponse.newBuilder();
        if (series != null) {
            begin = Math.max(begin, t.expiredBeforeMicros(clockMillis.getAsLong()) + 1);
            NavigableMap<Long, Map<String, ColumnValue>> range = begin >= end ? java.util.Collections.emptyNavigableMap()
                    : series.points().subMap(begin, true, end, false);
            if (backward) {
                range = range.descendingMap();
            }
            for (Map.Entry<Long, Map<String, ColumnValue>> e : range.entrySet()) {
                if (rows.size() >= limit) {
                    out.setNextToken(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(0, e.getKey()).array()));
                    break;
                }
                Map<String, ColumnValue> fields = select(e.getValue(), wanted);
                if (!fields.isEmpty()) {
                    rows.add(TimeseriesRowsCodec.encode(series.key(), e.getKey(), fields));
                }
            }
        }
        return out.setRowsData(TimeseriesRowsCodec.encodeRows(rows)).build();
    }

    private static Map<String, ColumnValue> select(Map<String, ColumnValue> fields, Map<String, Byte> wanted) {
        if (wanted.isEmpty()) {
            return fields;
        }
        Map<String, ColumnValue> out = new HashMap<>();
        fields.forEach((name, value) -> {
            if (wanted.containsKey(name)) {
                Byte type = wanted.get(name);
                if (type == null || type == TimeseriesRowsCodec.dataType(value.getType())) {
                    out.put(name, value);
                }
            }
        });
        return out;
    }

    private Timeseries.QueryTimeseriesMetaResponse queryMeta(Timeseries.QueryTimeseriesMetaRequest req)
            throws InvalidProtocolBufferException {
        TimeseriesTable t = catalog.get(req.getTableName());
        Predicate<Series> match = req.hasCondition() ? MetaConditions.toPredicate(req.getCondition()) : s -> true;
        int limit = req.hasLimit() && req.getLimit() > 0 ? req.getLimit() : 1000;
        int offset = 0;
        if (req.hasToken() && !req.getToken().isEmpty()) {
            offset = req.getToken().asReadOnlyByteBuffer().getInt();
        }
        List<Series> hits = new ArrayList<>();
        for (Series s : t.allSeries()) {
            if (match.test(s)) {
                hits.add(s);
            }
        }
        Timeseries.QueryTimeseriesMetaResponse.Builder out = Timeseries.QueryTimeseriesMetaResponse.newBuilder();
        for (int i = offset; i < hits.size() && i < offset + limit; i++) {
            Series s = hits.get(i);
            Timeseries.TimeseriesMeta.Builder m = Timeseries.TimeseriesMeta.newBuilder()
                    .setTimeSeriesKey(TimeseriesRowsCodec.toProto(s.key()))
                    .setUpdateTime(s.updateTimeMicros());
            if (!s.attributes().isEmpty()) {
                m.setAttributes(new SeriesKey("", "", s.attributes()).tagsString());
            }
            out.addTimeseriesMetas(m);
        }
        if (offset + limit < hits.size()) {
            out.setNextToken(ByteString.copyFrom(ByteBuffer.allocate(4).putInt(0, offset + limit).array()));
        }
        if (req.getGetTotalHit()) {
            out.setTotalHit(hits.size());
        }
        return out.build();
    }

    private Timeseries.UpdateTimeseriesMetaResponse updateMeta(Timeseries.UpdateTimeseriesMetaRequest req) {
        TimeseriesTable t = catalog.get(req.getTableName());
        long nowMicros = clockMillis.getAsLong() * 1000;
        Timeseries.UpdateTimeseriesMetaResponse.Builder out = Timeseries.UpdateTimeseriesMetaResponse.newBuilder();
        for (int i = 0; i < req.getTimeseriesMetaCount(); i++) {
            Timeseries.TimeseriesMeta m = req.getTimeseriesMeta(i);
            if (!t.allowUpdateAttributes()) {
                out.addFailedRows(Timeseries.FailedRowInfo.newBuilder().setRowIndex(i)
                        .setErrorCode(OtsErrorCode.PARAMETER_INVALID.code()).setErrorMessage("Updating attributes is not allowed."));
                continue;
            }
            Series s = t.seriesFor(TimeseriesRowsCodec.key(m.getTimeSeriesKey()), nowMicros);
            s.attributes(TimeseriesRowsCodec.parseTags(m.hasAttributes() ? m.getAttributes() : ""), nowMicros);
        }
        catalog.touch();
        return out.build();
    }

    private Timeseries.DeleteTimeseriesMetaResponse deleteMeta(Timeseries.DeleteTimeseriesMetaRequest req) {
        TimeseriesTable t = catalog.get(req.getTableName());
        for (Timeseries.TimeseriesKey k : req.getTimeseriesKeyList()) {
            t.removeSeries(TimeseriesRowsCodec.key(k));
        }
        catalog.touch();
        return Timeseries.DeleteTimeseriesMetaResponse.getDefaultInstance();
    }
}
