package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import io.sinkline.emulator.tablestore.engine.Cell;
import io.sinkline.emulator.tablestore.engine.ColumnChange;
import io.sinkline.emulator.tablestore.engine.ReadSpec;
import io.sinkline.emulator.tablestore.engine.RowExistence;
import io.sinkline.emulator.tablestore.engine.RowMutation;
import io.sinkline.emulator.tablestore.engine.RowPredicate;
import io.sinkline.emulator.tablestore.engine.TimeRange;
import io.sinkline.emulator.tablestore.engine.WriteCondition;
import io.sinkline.emulator.tablestore.engine.WriteResult;
import io.sinkline.emulator.tablestore.error.OtsException;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.CodedInputStream;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The request fields shared by several actions, turned into engine values. */
final class Requests {

    private Requests() {
    }

    /**
     * A parser input whose bytes fields share the request body instead of copying it (the body is
     * never modified once read), for the actions that carry many rows.
     */
    static CodedInputStream aliasing(ByteString body) {
        CodedInputStream in = body.newCodedInput();
        in.enableAliasing(true);
        return in;
    }

    static WriteCondition condition(OtsInternalApi.Condition c) {
        RowExistence existence = switch (c.getRowExistence()) {
            case IGNORE -> RowExistence.IGNORE;
            case EXPECT_EXIST -> RowExistence.EXPECT_EXIST;
            case EXPECT_NOT_EXIST -> RowExistence.EXPECT_NOT_EXIST;
        };
        RowPredicate column = c.hasColumnCondition() && !c.getColumnCondition().isEmpty()
                ? FilterCodec.decode(c.getColumnCondition()) : null;
        return new WriteCondition(existence, column);
    }

    /** Columns to get, versions, time range and filter as GetRow/BatchGetRow/GetRange send them. */
    static ReadSpec readSpec(List<String> columns, boolean hasTimeRange, OtsInternalApi.TimeRange timeRange,
                             boolean hasMaxVersions, int maxVersions, boolean hasFilter, ByteString filter,
                             String startColumn, String endColumn) {
        if (!hasTimeRange && !hasMaxVersions) {
            throw OtsException.invalid("Neither MaxVersions nor TimeRange is set.");
        }
        if (hasMaxVersions && maxVersions < 1) {
            throw OtsException.invalid("MaxVersions must be at least 1.");
        }
        TimeRange range = TimeRange.ALL;
        if (hasTimeRange) {
            if (timeRange.hasSpecificTime()) {
                range = TimeRange.exactly(timeRange.getSpecificTime());
            } else {
                range = new TimeRange(timeRange.getStartTime(), timeRange.getEndTime());
                if (range.start() >= range.end()) {
                    throw OtsException.invalid("The start time of the time range must be less than its end time.");
                }
            }
        }
        Set<String> cols = new LinkedHashSet<>(columns);
        RowPredicate predicate = hasFilter && !filter.isEmpty() ? FilterCodec.decode(filter) : null;
        return new ReadSpec(Set.copyOf(cols), hasMaxVersions ? maxVersions : Integer.MAX_VALUE, range, predicate,
                startColumn, endColumn);
    }

    static RowMutation.Kind kind(OtsInternalApi.OperationType type) {
        return switch (type) {
            case PUT -> RowMutation.Kind.PUT;
            case UPDATE -> RowMutation.Kind.UPDATE;
            case DELETE -> RowMutation.Kind.DELETE;
        };
    }

    /** The row a write answers with, per its ReturnContent; empty when none was asked for. */
    static ByteString returnedRow(OtsInternalApi.ReturnContent rc, WriteResult result) {
        if (rc == null || !rc.hasReturnType() || rc.getReturnType() == OtsInternalApi.ReturnType.RT_NONE) {
            return ByteString.EMPTY;
        }
        if (rc.getReturnType() == OtsInternalApi.ReturnType.RT_PK) {
            return RowCodec.encodePrimaryKeyRow(result.primaryKey());
        }
        Set<String> wanted = Set.copyOf(rc.getReturnColumnNamesList());
        List<Cell> cells = new ArrayList<>();
        for (ColumnChange c : result.applied()) {
            boolean hasValue = c.op() == ColumnChange.Op.PUT || c.op() == ColumnChange.Op.INCREMENT;
            if (hasValue && (wanted.isEmpty() || wanted.contains(c.name()))) {
                cells.add(new Cell(c.name(), c.timestamp(), c.value()));
            }
        }
        return RowCodec.encodeRows(List.of(RowCodec.toPlainBufferRow(result.primaryKey(), cells)));
    }

    static OtsInternalApi.Error error(OtsException e) {
        return OtsInternalApi.Error.newBuilder().setCode(e.code()).setMessage(String.valueOf(e.getMessage())).build();
    }
}
