package io.sinkline.maxcompute.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.aliyun.odps.Column;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamReader;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamWriter;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.IntervalDayTime;
import com.aliyun.odps.data.IntervalYearMonth;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.SimpleJsonValue;
import com.aliyun.odps.data.SimpleStruct;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.tunnel.io.CompressOption;
import com.aliyun.odps.type.StructTypeInfo;
import com.aliyun.odps.type.TypeInfo;
import com.aliyun.odps.type.TypeInfoFactory;

import io.sinkline.maxcompute.config.TunnelCompression;

/** The encoder against the SDK's own record writer: the same rows must give the same bytes. */
class RecordStreamEncoderTest {

    private static final CompressOption RAW = new CompressOption(CompressOption.CompressAlgorithm.ODPS_RAW, 0, 0);
    private static final StructTypeInfo POINT = TypeInfoFactory.getStructTypeInfo(
            List.of("x", "label"), List.of(TypeInfoFactory.BIGINT, TypeInfoFactory.STRING));

    private final TableSchema schema = schema(
            "id", TypeInfoFactory.BIGINT,
            "name", TypeInfoFactory.STRING,
            "price", TypeInfoFactory.DOUBLE,
            "ok", TypeInfoFactory.BOOLEAN,
            "at", TypeInfoFactory.DATETIME,
            "amount", TypeInfoFactory.getDecimalTypeInfo(38, 18),
            "i", TypeInfoFactory.INT,
            "s", TypeInfoFactory.SMALLINT,
            "t", TypeInfoFactory.TINYINT,
            "f", TypeInfoFactory.FLOAT,
            "day", TypeInfoFactory.DATE,
            "ts", TypeInfoFactory.TIMESTAMP,
            "ntz", TypeInfoFactory.TIMESTAMP_NTZ,
            "c", TypeInfoFactory.getCharTypeInfo(10),
            "vc", TypeInfoFactory.getVarcharTypeInfo(20),
            "bin", TypeInfoFactory.BINARY,
            "doc", TypeInfoFactory.JSON,
            "dt", TypeInfoFactory.INTERVAL_DAY_TIME,
            "ym", TypeInfoFactory.INTERVAL_YEAR_MONTH,
            "tags", TypeInfoFactory.getArrayTypeInfo(TypeInfoFactory.STRING),
            "counts", TypeInfoFactory.getMapTypeInfo(TypeInfoFactory.STRING, TypeInfoFactory.BIGINT),
            "point", POINT);

    @ParameterizedTest(name = "transform dates: {0}")
    @ValueSource(booleans = {false, true})
    void writesTheBytesTheSdksWriterWritesForEveryColumnType(boolean transformDates) throws IOException {
        List<Object[]> rows = randomRows(500, new Random(42));

        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        RecordStreamEncoder encoder = new RecordStreamEncoder(types(schema), ours);
        encoder.transformDates(transformDates);
        for (Object[] row : rows) {
            encoder.write(row);
        }
        encoder.finish();

        assertThat(ours.toByteArray()).isEqualTo(sdkBytes(rows, transformDates));
        assertThat(encoder.rows()).isEqualTo(500);
    }

    @Test
    void aRowThatCannotBeEncodedLeavesNothingBehind() throws IOException {
        List<Object[]> rows = randomRows(3, new Random(7));

        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        RecordStreamEncoder encoder = new RecordStreamEncoder(types(schema), ours);
        encoder.write(rows.get(0));
        Object[] lateFailure = rows.get(1).clone();
        lateFailure[20] = Map.of("k", "not a BIGINT"); // fails deep inside the row, after most of it is written
        assertThatThrownBy(() -> encoder.write(lateFailure)).isInstanceOf(ClassCastException.class);
        encoder.write(rows.get(1));
        encoder.write(rows.get(2));
        encoder.finish();

        assertThat(ours.toByteArray()).isEqualTo(sdkBytes(rows, false));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TunnelCompression.class)
    void aPackReadsBackThroughTheSdksReaderWithEachCompression(TunnelCompression choice) throws IOException {
        List<Object[]> rows = randomRows(2000, new Random(3));
        CompressOption compression = choice.option();
        EncodedRecordPack pack = new EncodedRecordPack(schema, compression);
        for (Object[] row : rows) {
            pack.append(row);
        }
        assertThat(pack.getTotalBytes()).isPositive();
        pack.complete();
        byte[] sent = pack.getProtobufStream().toByteArray();
        assertThat(pack.getSize()).isEqualTo(2000);
        if (choice == TunnelCompression.DEFLATE) {
            byte[] inflated = new InflaterInputStream(new ByteArrayInputStream(sent)).readAllBytes();
            assertThat(inflated).isEqualTo(sdkBytes(rows, false));
        }

        ProtobufRecordStreamReader reader = new ProtobufRecordStreamReader(schema, new ByteArrayInputStream(sent), compression);
        int read = 0;
        Record record;
        while ((record = reader.read()) != null) {
            assertThat(record.getBigint(0)).isEqualTo(rows.get(read)[0]);
            assertThat(record.getString(1)).isEqualTo(rows.get(read)[1]);
            read++;
        }
        assertThat(read).as("every checksum checked by the SDK's reader").isEqualTo(2000);
    }

    private byte[] sdkBytes(List<Object[]> rows, boolean transformDates) throws IOException {
        ByteArrayOutputStream sdk = new ByteArrayOutputStream();
        ProtobufRecordStreamWriter writer = new ProtobufRecordStreamWriter(schema, sdk, RAW);
        writer.setTransform(transformDates);
        // The values as they are: ArrayRecord.set would copy a map into one of its own, in another order.
        BufferedRowRecord record = new BufferedRowRecord(schema.getColumns().toArray(new Column[0]));
        for (Object[] row : rows) {
            writer.write(record.show(row));
        }
        writer.close();
        return sdk.toByteArray();
    }

    /** Rows of every column type, about one value in five null, with negative, large and non-ASCII values. */
    private List<Object[]> randomRows(int count, Random random) {
        List<Object[]> rows = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Object[] row = {
                    random.nextLong() >> random.nextInt(63),
                    text(random),
                    random.nextGaussian() * 1e6,
                    random.nextBoolean(),
                    new Date(1_600_000_000_000L + random.nextInt()),
                    new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(10)),
                    random.nextInt(),
                    (short) random.nextInt(),
                    (byte) random.nextInt(),
                    random.nextFloat() - 0.5f,
                    LocalDate.ofEpochDay(random.nextInt(40_000) - 10_000),
                    Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000)),
                    LocalDateTime.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), 0, 0, random.nextInt(1_000_000_000)),
                    new Char("c" + random.nextInt(1000)),
                    new Varchar("vc-" + random.nextInt()),
                    new Binary(text(random).getBytes(StandardCharsets.UTF_8)),
                    new SimpleJsonValue("{\"k\":" + random.nextInt() + "}"),
                    new IntervalDayTime(random.nextInt(), random.nextInt(1_000_000_000)),
                    new IntervalYearMonth(random.nextInt(1000)),
                    Arrays.asList("a", null, text(random)),
                    counts(random),
                    new SimpleStruct(POINT, Arrays.asList(random.nextLong(), random.nextBoolean() ? null : "p")),
            };
            for (int i = 1; i < row.length; i++) {
                if (random.nextInt(5) == 0) {
                    row[i] = null;
                }
            }
            if (n % 7 == 3) {
                row[4] = Date.from(LocalDateTime.of(2023, 7, 13, 21, 13).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
                row[11] = Timestamp.from(Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
                row[10] = java.sql.Date.valueOf("2021-03-04");
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Long> counts(Random random) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            counts.put("k" + i, random.nextBoolean() ? null : random.nextLong());
        }
        return counts;
    }

    private static String text(Random random) {
        String[] words = {"", "a", "Zürich", "北京", "emoji \uD83D\uDE00", "x".repeat(200)};
        return words[random.nextInt(words.length)] + random.nextInt();
    }

    private static TableSchema schema(Object... namesAndTypes) {
        TableSchema schema = new TableSchema();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            schema.addColumn(new Column((String) namesAndTypes[i], (TypeInfo) namesAndTypes[i + 1]));
        }
        return schema;
    }

    private static TypeInfo[] types(TableSchema schema) {
        return schema.getColumns().stream().map(Column::getTypeInfo).toArray(TypeInfo[]::new);
    }
}
