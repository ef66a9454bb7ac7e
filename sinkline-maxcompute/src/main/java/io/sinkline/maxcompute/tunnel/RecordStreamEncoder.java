package io.sinkline.maxcompute.tunnel;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import com.aliyun.odps.OdpsType;
import com.aliyun.odps.commons.util.DateUtils;
import com.aliyun.odps.data.AbstractChar;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.IntervalDayTime;
import com.aliyun.odps.data.IntervalYearMonth;
import com.aliyun.odps.data.OdpsTypeTransformer;
import com.aliyun.odps.data.Struct;
import com.aliyun.odps.type.ArrayTypeInfo;
import com.aliyun.odps.type.MapTypeInfo;
import com.aliyun.odps.type.StructTypeInfo;
import com.aliyun.odps.type.TypeInfo;

/**
 * Writes rows as the batch Tunnel's record stream: the bytes the SDK's
 * {@code ProtobufRecordStreamWriter} writes for the same rows (a test compares them byte for byte),
 * which the service, and the emulator through the SDK's reader, check record by record.
 *
 * <p>Why not the SDK's writer: it checksums every value on its own through a pure-Java CRC-32C (a
 * quarter of the task thread's encoding time in the benchmark profile) and writes byte by byte
 * through a protobuf stream. Here the checksummed bytes of a row are gathered and summed in one
 * call of the JDK's {@link CRC32C} (a CPU instruction), the row is written into an array, and
 * whole chunks of rows go to the compressor. A row that fails to encode leaves nothing behind:
 * rows reach the compressor only once complete.
 *
 * <p>The stream: per row, each non-null value as a protobuf field numbered by its column (1-based),
 * then an end-of-record field holding the CRC-32C of the column numbers and values; at the end, the
 * row count and the CRC-32C of all the rows' checksums. Not thread-safe: one block, one thread.
 */
final class RecordStreamEncoder {

    // Field numbers the SDK reserves for the stream's own fields (its ProtoWireConstant, not public).
    static final int END_RECORD = 33553408;
    static final int META_COUNT = 33554430;
    static final int META_CHECKSUM = 33554431;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Rows are handed to the compressor in chunks of about this size: fewer, larger calls into zlib. */
    static final int CHUNK_BYTES = 16 * 1024;

    private final TypeInfo[] types;
    private final OutputStream sink;
    private final CRC32C rowCrc = new CRC32C();
    private final CRC32C streamCrc = new CRC32C();
    /** Encoded rows not yet handed to the sink. */
    private byte[] out = new byte[CHUNK_BYTES + 1024];
    private int pos;
    /** The current row's checksummed bytes not yet summed (numbers; byte values are summed in place). */
    private byte[] crcInput = new byte[256];
    private int crcPos;
    /** The rows' checksums not yet summed into the stream's. */
    private final byte[] rowChecksums = new byte[4 * 256];
    private int rowChecksumPos;
    private boolean transformDates;
    private long rows;
    private boolean finished;

    /**
     * @param types the table's data columns in order
     * @param sink  where complete rows go, in chunks (the compressing stream of the block)
     */
    RecordStreamEncoder(TypeInfo[] types, OutputStream sink) {
        this.types = types.clone();
        this.sink = sink;
    }

    /** Whether DATETIME values are sent in the local calendar, as the upload session says. */
    void transformDates(boolean transform) {
        this.transformDates = transform;
    }

    long rows() {
        return rows;
    }

    /** Encoded bytes not yet handed to the sink. */
    int pendingBytes() {
        return pos;
    }

    /**
     * Encodes one row, its values in the table's column order, of the Java types the SDK's
     * {@code ArrayRecord} holds for each column type.
     *
     * @throws IllegalArgumentException or ClassCastException if a value does not fit its column;
     *                                  the row is then not written at all
     */
    void write(Object[] values) throws IOException {
        if (finished) {
            throw new IllegalStateException("The block is complete");
        }
        if (values.length > types.length) {
            throw new IllegalArgumentException("The row has " + values.length + " values but the table "
                    + types.length + " columns");
        }
        int rowStart = pos;
        rowCrc.reset();
        crcPos = 0;
        try {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    continue;
                }
                int field = i + 1;
                sumInt(field);
                TypeInfo type = types[i];
                writeTag(field, wireType(type.getOdpsType()));
                writeValue(value, type);
            }
        } catch (RuntimeException | IOException e) {
            pos = rowStart;
            throw e;
        }
        sumPending();
        int checksum = (int) rowCrc.getValue();
        writeTag(END_RECORD, VARINT);
        writeVarint32(checksum);
        INT_LE.set(rowChecksums, rowChecksumPos, checksum);
        rowChecksumPos += 4;
        if (rowChecksumPos == rowChecksums.length) {
            streamCrc.update(rowChecksums, 0, rowChecksumPos);
            rowChecksumPos = 0;
        }
        rows++;
        if (pos >= CHUNK_BYTES) {
            drain();
        }
    }

    /** Writes the stream's trailer and closes the sink (which completes the compression). */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        streamCrc.update(rowChecksums, 0, rowChecksumPos);
        rowChecksumPos = 0;
        writeTag(META_COUNT, VARINT);
        writeVarint64(zigZag(rows));
        writeTag(META_CHECKSUM, VARINT);
        writeVarint32((int) streamCrc.getValue());
        drain();
        sink.close();
    }

    private void drain() throws IOException {
        sink.write(out, 0, pos);
        pos = 0;
    }

    private static int wireType(OdpsType type) throws IOException {
        switch (type) {
            case DATETIME: case BOOLEAN: case BIGINT: case TINYINT: case SMALLINT: case INT: case DATE:
            case INTERVAL_YEAR_MONTH:
                return VARINT;
            case DOUBLE:
                return FIXED64;
            case FLOAT:
                return FIXED32;
            case JSON: case INTERVAL_DAY_TIME: case TIMESTAMP: case TIMESTAMP_NTZ: case STRING: case CHAR:
            case VARCHAR: case BINARY: case DECIMAL: case ARRAY: case MAP: case STRUCT:
                return LENGTH_DELIMITED;
            default:
                throw new IOException("Invalid data type: " + type);
        }
    }

    private void writeValue(Object value, TypeInfo type) throws IOException {
        switch (type.getOdpsType()) {
            case BOOLEAN -> {
                boolean b = (Boolean) value;
                sumByte(b ? 1 : 0);
                writeByte(b ? 1 : 0);
            }
            case DATETIME -> {
                long millis = value instanceof ZonedDateTime z ? z.toInstant().toEpochMilli() : ((Date) value).getTime();
                if (transformDates) {
                    millis = DateUtils.date2ms(new Date(millis), DateUtils.LOCAL_CAL);
                }
                writeSignedNumber(millis);
            }
            case DATE -> {
                LocalDate date = value instanceof LocalDate d ? d
                        : OdpsTypeTransformer.dateToLocalDate((java.sql.Date) value, ArrayRecord.DEFAULT_CALENDAR);
                writeSignedNumber(date.toEpochDay());
            }
            case TIMESTAMP_NTZ -> writeSecondsAndNanos(((LocalDateTime) value).toInstant(ZoneOffset.UTC));
            case TIMESTAMP -> writeSecondsAndNanos(value instanceof Instant i ? i : ((Timestamp) value).toInstant());
            case INTERVAL_DAY_TIME -> {
                IntervalDayTime interval = (IntervalDayTime) value;
                writeSecondsAndNanos(interval.getTotalSeconds(), interval.getNanos());
            }
            case VARCHAR, CHAR -> writeBytes(((AbstractChar) value).getValue().getBytes(StandardCharsets.UTF_8));
            case JSON -> writeBytes(value.toString().getBytes(StandardCharsets.UTF_8));
            case STRING -> writeBytes(value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) value);
            case BINARY -> writeBytes(((Binary) value).data());
            case DOUBLE -> {
                long bits = Double.doubleToRawLongBits((Double) value);
                sumLong(bits);
                ensure(8);
                LONG_LE.set(out, pos, bits);
                pos += 8;
            }
            case FLOAT -> {
                int bits = Float.floatToRawIntBits((Float) value);
                sumInt(bits);
                ensure(4);
                INT_LE.set(out, pos, bits);
                pos += 4;
            }
            case BIGINT -> writeSignedNumber((Long) value);
            case INT -> writeSignedNumber((Integer) value);
            case SMALLINT -> writeSignedNumber((Short) value);
            case TINYINT -> writeSignedNumber((Byte) value);
            case INTERVAL_YEAR_MONTH -> writeSignedNumber(((IntervalYearMonth) value).getTotalMonths());
            case DECIMAL -> writeBytes(((BigDecimal) value).toPlainString().getBytes(StandardCharsets.UTF_8));
            case ARRAY -> writeList((List<?>) value, ((ArrayTypeInfo) type).getElementTypeInfo());
            case MAP -> {
                MapTypeInfo mapType = (MapTypeInfo) type;
                Map<?, ?> map = (Map<?, ?>) value;
                List<Object> keys = new ArrayList<>(map.size());
                List<Object> mapValues = new ArrayList<>(map.size());
                map.forEach((k, v) -> {
                    keys.add(k);
                    mapValues.add(v);
                });
                writeList(keys, mapType.getKeyTypeInfo());
                writeList(mapValues, mapType.getValueTypeInfo());
            }
            case STRUCT -> {
                Struct struct = (Struct) value;
                List<TypeInfo> fieldTypes = ((StructTypeInfo) type).getFieldTypeInfos();
                for (int i = 0; i < fieldTypes.size(); i++) {
                    writeNullableElement(struct.getFieldValue(i), fieldTypes.get(i));
                }
            }
            default -> throw new IOException("Invalid data type: " + type);
        }
    }

    private void writeList(List<?> list, TypeInfo elementType) throws IOException {
        writeVarint32(list.size()); // a size is never negative: protobuf's int32 is then a plain varint
        for (Object element : list) {
            writeNullableElement(element, elementType);
        }
    }

    /** Elements of complex values carry a null flag instead of being left out. */
    private void writeNullableElement(Object element, TypeInfo type) throws IOException {
        if (element == null) {
            writeByte(1);
        } else {
            writeByte(0);
            writeValue(element, type);
        }
    }

    private void writeSignedNumber(long value) {
        sumLong(value);
        writeVarint64(zigZag(value));
    }

    private void writeSecondsAndNanos(Instant instant) {
        writeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
    }

    private void writeSecondsAndNanos(long seconds, int nanos) {
        sumLong(seconds);
        sumInt(nanos);
        writeVarint64(zigZag(seconds));
        writeVarint32((nanos << 1) ^ (nanos >> 31));
    }

    private void writeBytes(byte[] bytes) {
        sumPending();
        rowCrc.update(bytes, 0, bytes.length);
        writeVarint32(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, pos, bytes.length);
        pos += bytes.length;
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private void writeTag(int field, int wireType) {
        writeVarint32((field << 3) | wireType);
    }

    private void writeByte(int b) {
        ensure(1);
        out[pos++] = (byte) b;
    }

    /** An int as an unsigned varint (at most 5 bytes), as protobuf writes uint32 and tags. */
    private void writeVarint32(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            out[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos++] = (byte) value;
    }

    private void writeVarint64(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            out[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos++] = (byte) value;
    }

    private void ensure(int bytes) {
        if (pos + bytes > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, pos + bytes));
        }
    }

    // The row's checksum covers each column number (int) and value (little-endian numbers, raw bytes).

    private void sumByte(int b) {
        ensureCrcInput(1);
        crcInput[crcPos++] = (byte) b;
    }

    private void sumInt(int value) {
        ensureCrcInput(4);
        INT_LE.set(crcInput, crcPos, value);
        crcPos += 4;
    }

    private void sumLong(long value) {
        ensureCrcInput(8);
        LONG_LE.set(crcInput, crcPos, value);
        crcPos += 8;
    }

    private void ensureCrcInput(int bytes) {
        if (crcPos + bytes > crcInput.length) {
            sumPending();
        }
    }

    private void sumPending() {
        if (crcPos > 0) {
            rowCrc.update(crcInput, 0, crcPos);
            crcPos = 0;
        }
    }
}
