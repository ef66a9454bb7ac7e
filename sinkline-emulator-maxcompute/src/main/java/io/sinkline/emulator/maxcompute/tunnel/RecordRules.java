package io.sinkline.emulator.maxcompute.tunnel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;

import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.type.CharTypeInfo;
import com.aliyun.odps.type.DecimalTypeInfo;
import com.aliyun.odps.type.VarcharTypeInfo;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.storage.ColumnDef;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/**
 * What the service checks in every record of a block or stream pack before it takes any of them: a value for each
 * {@code NOT NULL} column, {@code VARCHAR(n)}/{@code CHAR(n)} lengths, {@code DECIMAL(p,s)} integer digits, the
 * {@code DATETIME} range, the 8 MB field limit and BIGINT's excluded minimum. The SDK checks most of these on the
 * client only when a value goes through {@code ArrayRecord.set}, and never checks NOT NULL, so a client that builds
 * records otherwise reaches the service with them. One bad record refuses the whole request (400
 * {@code MalformedDataStream}, the code the service uses for data that does not validate against the schema); the
 * message names the record's position in the request, the column and the reason.
 */
final class RecordRules {

    /** The Tunnel's per-field limit, also announced as {@code MaxFieldSize} in upload sessions. */
    static final int MAX_FIELD_BYTES = 8 * 1024 * 1024;
    private static final long DATETIME_MIN_MILLIS = -62167305600000L; // 0000-01-01 00:00:00 UTC
    private static final long DATETIME_MAX_MILLIS = 253402387200000L; // 10000-01-02 00:00:00 UTC

    private RecordRules() {
    }

    /** @throws OdpsError 400 {@code MalformedDataStream} at the first record that breaks a rule */
    static void check(TableDef table, List<Object[]> rows) {
        List<ColumnDef> columns = table.columns();
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            for (int i = 0; i < columns.size(); i++) {
                String problem = problem(columns.get(i), i < row.length ? row[i] : null);
                if (problem != null) {
                    throw new OdpsError(400, "MalformedDataStream", "The data stream did not validate against the schema"
                            + " of table " + table.name() + ": record " + r + " of the request, column "
                            + columns.get(i).name() + " " + columns.get(i).type() + ": " + problem);
                }
            }
        }
    }

    /** Why {@code value} cannot go into {@code column}, or null when it can. */
    static String problem(ColumnDef column, Object value) {
        if (value == null) {
            return column.nullable() ? null : "NULL in a NOT NULL column";
        }
        return switch (column.typeInfo().getOdpsType()) {
            case STRING, JSON, BINARY -> bytesOver(byteLength(value));
            case VARCHAR -> lengthOver(value instanceof Varchar v ? v.length() : value.toString().length(),
                    ((VarcharTypeInfo) column.typeInfo()).getLength());
            case CHAR -> lengthOver(value instanceof Char c ? c.length() : value.toString().length(),
                    ((CharTypeInfo) column.typeInfo()).getLength());
            case DECIMAL -> value instanceof BigDecimal d ? decimalOverflow(d, (DecimalTypeInfo) column.typeInfo()) : null;
            case DATETIME -> value instanceof ZonedDateTime t ? datetimeOutOfRange(t.toInstant().toEpochMilli()) : null;
            case BIGINT -> value instanceof Long l && l == Long.MIN_VALUE ? "-2^63 is not a BIGINT value" : null;
            default -> null;
        };
    }

    /** The stream reader hands STRING values over as bytes, BINARY as {@link Binary}, JSON as text. */
    private static int byteLength(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        if (value instanceof Binary binary) {
            return binary.length();
        }
        String text = value.toString();
        return text.length() * 3L <= MAX_FIELD_BYTES ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String bytesOver(int bytes) {
        return bytes > MAX_FIELD_BYTES ? "a value of " + bytes + " bytes exceeds the field limit of " + MAX_FIELD_BYTES : null;
    }

    private static String lengthOver(int length, int max) {
        return length > max ? "a value of " + length + " characters exceeds the declared length " + max : null;
    }

    private static String decimalOverflow(BigDecimal value, DecimalTypeInfo type) {
        BigDecimal rounded = value.setScale(type.getScale(), RoundingMode.HALF_UP);
        int integerDigits = rounded.precision() - rounded.scale();
        int allowed = type.getPrecision() - type.getScale();
        return integerDigits > allowed
                ? value.toPlainString() + " has " + integerDigits + " integer digits, at most " + allowed + " fit" : null;
    }

    private static String datetimeOutOfRange(long epochMillis) {
        return epochMillis < DATETIME_MIN_MILLIS || epochMillis > DATETIME_MAX_MILLIS
                ? "epoch millisecond " + epochMillis + " is outside 0000-01-01 .. 9999-12-31" : null;
    }
}
