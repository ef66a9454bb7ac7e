package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.OtsFilter;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConsts;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.sinkline.emulator.tablestore.engine.Cell;
import io.sinkline.emulator.tablestore.engine.RowPredicate;
import io.sinkline.emulator.tablestore.error.OtsException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Column conditions and read filters ({@code OtsFilter.Filter}) as row predicates. */
public final class FilterCodec {

    private FilterCodec() {
    }

    public static RowPredicate decode(ByteString bytes) {
        try {
            return toPredicate(OtsFilter.Filter.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw OtsException.invalid("Invalid filter: " + e.getMessage());
        }
    }

    private static RowPredicate toPredicate(OtsFilter.Filter filter) throws InvalidProtocolBufferException {
        switch (filter.getType()) {
            case FT_SINGLE_COLUMN_VALUE:
                return single(OtsFilter.SingleColumnValueFilter.parseFrom(filter.getFilter()));
            case FT_COMPOSITE_COLUMN_VALUE: {
                OtsFilter.CompositeColumnValueFilter c = OtsFilter.CompositeColumnValueFilter.parseFrom(filter.getFilter());
                List<RowPredicate> subs = new ArrayList<>();
                for (OtsFilter.Filter f : c.getSubFiltersList()) {
                    subs.add(toPredicate(f));
                }
                return switch (c.getCombinator()) {
                    case LO_NOT -> {
                        if (subs.size() != 1) {
                            throw OtsException.invalid("NOT takes exactly one sub filter.");
                        }
                        yield cells -> !subs.get(0).test(cells);
                    }
                    case LO_AND -> cells -> subs.stream().allMatch(p -> p.test(cells));
                    case LO_OR -> cells -> subs.stream().anyMatch(p -> p.test(cells));
                };
            }
            default:
                throw OtsException.invalid("Unsupported filter type: " + filter.getType());
        }
    }

    private static RowPredicate single(OtsFilter.SingleColumnValueFilter f) {
        String column = f.getColumnName();
        OtsFilter.ComparatorType comparator = f.getComparator();
        ColumnValue expected = comparator == OtsFilter.ComparatorType.CT_EXIST
                || comparator == OtsFilter.ComparatorType.CT_NOT_EXIST || f.getColumnValue().isEmpty()
                ? null : decodeColumnValue(f.getColumnValue());
        boolean ifMissing = !f.getFilterIfMissing();
        boolean latestOnly = f.getLatestVersionOnly();
        return cells -> {
            boolean present = false;
            for (Cell c : cells) {
                if (!c.name().equals(column)) {
                    continue;
                }
                present = true;
                if (comparator == OtsFilter.ComparatorType.CT_EXIST) {
                    return true;
                }
                if (comparator == OtsFilter.ComparatorType.CT_NOT_EXIST) {
                    return false;
                }
                if (matches(comparator, c.value(), expected)) {
                    return true;
                }
                if (latestOnly) {
                    return false;
                }
            }
            if (comparator == OtsFilter.ComparatorType.CT_NOT_EXIST) {
                return !present;
            }
            if (comparator == OtsFilter.ComparatorType.CT_EXIST) {
                return false;
            }
            return !present && ifMissing;
        };
    }

    private static boolean matches(OtsFilter.ComparatorType comparator, ColumnValue actual, ColumnValue expected) {
        if (expected == null || actual.getType() != expected.getType()) {
            // Values of different types never compare equal; the service treats them as a mismatch.
            return comparator == OtsFilter.ComparatorType.CT_NOT_EQUAL;
        }
        int cmp = actual.compareTo(expected);
        return switch (comparator) {
            case CT_EQUAL -> cmp == 0;
            case CT_NOT_EQUAL -> cmp != 0;
            case CT_GREATER_THAN -> cmp > 0;
            case CT_GREATER_EQUAL -> cmp >= 0;
            case CT_LESS_THAN -> cmp < 0;
            case CT_LESS_EQUAL -> cmp <= 0;
            default -> false;
        };
    }

    /** A column value as {@code PlainBufferBuilder.buildColumnValueWithoutLengthPrefix} wrote it. */
    static ColumnValue decodeColumnValue(ByteString bytes) {
        ByteBuffer b = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        byte type = b.get();
        switch (type) {
            case PlainBufferConsts.VT_INTEGER:
                return ColumnValue.fromLong(b.getLong());
            case PlainBufferConsts.VT_DOUBLE:
                return ColumnValue.fromDouble(Double.longBitsToDouble(b.getLong()));
            case PlainBufferConsts.VT_BOOLEAN:
                return ColumnValue.fromBoolean(b.get() != 0);
            case PlainBufferConsts.VT_STRING: {
                byte[] raw = new byte[b.getInt()];
                b.get(raw);
                return ColumnValue.fromString(new String(raw, StandardCharsets.UTF_8));
            }
            case PlainBufferConsts.VT_BLOB: {
                byte[] raw = new byte[b.getInt()];
                b.get(raw);
                return ColumnValue.fromBinary(raw);
            }
            default:
                throw OtsException.invalid("Unsupported column value type in filter: " + type);
        }
    }
}
