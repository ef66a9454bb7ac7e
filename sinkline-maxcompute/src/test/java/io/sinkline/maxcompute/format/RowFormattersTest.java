package io.sinkline.maxcompute.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.aliyun.odps.TableSchema;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.JsonValue;
import com.aliyun.odps.type.TypeInfoFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sinkline.core.record.RecordFormatException;
import io.sinkline.maxcompute.config.RecordFormat;
import io.sinkline.maxcompute.config.RecordMode;

class RowFormattersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Rows formatter(TableSchema schema, RecordFormat format, RecordMode mode) {
        TableLayout layout = TableLayout.of("t", schema, format, mode);
        return rows(layout, RowFormatters.create(format, mode, layout, ',', "\\N", ZoneId.of("GMT+08:00")));
    }

    /** A formatter whose rows are read back through the SDK's ArrayRecord, by column name. */
    private interface Rows {
        ArrayRecord format(SinkRecord record);
    }

    private static Rows rows(TableLayout layout, RowFormatter formatter) {
        return record -> new ArrayRecord(layout.columns(), formatter.format(record));
    }

    private static SinkRecord record(Object key, Object value, long offset) {
        return new SinkRecord("topic_x", 3, Schema.OPTIONAL_STRING_SCHEMA, key, Schema.OPTIONAL_STRING_SCHEMA, value, offset);
    }

    @ParameterizedTest
    @EnumSource(RecordMode.class)
    void textWritesTheColumnsOfItsMode(RecordMode mode) {
        ArrayRecord row = formatter(Tables.text(), RecordFormat.TEXT, mode).format(record("123", "abc", 7));

        assertThat(row.getString("topic")).isEqualTo("topic_x");
        assertThat(row.getBigint("partition")).isEqualTo(3L);
        assertThat(row.getBigint("offset")).isEqualTo(7L);
        assertThat(row.getString("key")).isEqualTo(mode.writesKey() ? "123" : null);
        assertThat(row.getString("value")).isEqualTo(mode.writesValue() ? "abc" : null);
    }

    /** The fixed columns are put without the SDK's set: their values must be the Java types the SDK would store. */
    @ParameterizedTest
    @EnumSource(value = RecordFormat.class, names = {"TEXT", "FLATTEN"})
    void thePartitionColumnMayBeAnIntAndTheFixedColumnsHoldTheSdksTypes(RecordFormat format) {
        TableSchema schema = Tables.partitioned("topic", TypeInfoFactory.STRING, "partition", TypeInfoFactory.INT,
                "offset", TypeInfoFactory.BIGINT, "value", TypeInfoFactory.STRING);
        TableLayout layout = TableLayout.of("t", schema, format, RecordMode.VALUE);

        Object[] row = RowFormatters.create(format, RecordMode.VALUE, layout, ',', "\\N", ZoneId.of("UTC"))
                .format(record(null, "{\"value\":\"v\"}", 9));

        ArrayRecord viaSdk = new ArrayRecord(layout.columns());
        viaSdk.setString("topic", "topic_x");
        viaSdk.set("partition", 3);
        viaSdk.setBigint("offset", 9L);
        for (String fixed : new String[] {"topic", "partition", "offset"}) {
            int index = schema.getColumnIndex(fixed);
            assertThat(row[index]).as(fixed).isEqualTo(viaSdk.get(index)).hasSameClassAs(viaSdk.get(index));
        }
    }

    @Test
    void textReadsBytesAsUtf8AndStructuredValuesAsJson() {
        Rows text = formatter(Tables.text(), RecordFormat.TEXT, RecordMode.DEFAULT);

        ArrayRecord row = text.format(record("ключ".getBytes(StandardCharsets.UTF_8), Map.of("a", 1), 0));

        assertThat(row.getString("key")).isEqualTo("ключ");
        assertThat(row.getString("value")).isEqualTo("{\"a\":1}");
    }

    @Test
    void tombstoneValueIsNull() {
        ArrayRecord row = formatter(Tables.text(), RecordFormat.TEXT, RecordMode.DEFAULT).format(record("k", null, 0));

        assertThat(row.getString("key")).isEqualTo("k");
        assertThat(row.get("value")).isNull();
    }

    @ParameterizedTest
    @EnumSource(RecordMode.class)
    void binaryKeepsTheBytes(RecordMode mode) {
        byte[] key = {0, 1, 2, (byte) 0xff};
        byte[] value = {9, 8, 7};
        ArrayRecord row = formatter(Tables.binary(), RecordFormat.BINARY, mode).format(record(key, value, 1));

        assertThat(row.getBinary("key")).isEqualTo(mode.writesKey() ? new Binary(key) : null);
        assertThat(row.getBinary("value")).isEqualTo(mode.writesValue() ? new Binary(value) : null);
    }

    @Test
    void binaryIntoStringColumnsKeepsTheBytesToo() {
        byte[] value = {(byte) 0xc3, (byte) 0x28};
        ArrayRecord row = formatter(Tables.text(), RecordFormat.BINARY, RecordMode.VALUE).format(record(null, value, 1));

        assertThat(row.getBytes("value")).isEqualTo(value);
    }

    @ParameterizedTest
    @EnumSource(RecordMode.class)
    void jsonWritesJsonColumnsAndStringColumns(RecordMode mode) throws Exception {
        String value = "{\"id\":123,\"name\":\"json-1\",\"region\":\"beijing\"}";
        ArrayRecord row = formatter(Tables.json(), RecordFormat.JSON, mode).format(record("{\"k\":1}", value, 0));

        if (mode.writesValue()) {
            assertThat(JSON.readTree(((JsonValue) row.get("value")).toString())).isEqualTo(JSON.readTree(value));
        } else {
            assertThat(row.get("value")).isNull();
        }
        assertThat(row.getString("key")).isEqualTo(mode.writesKey() ? "{\"k\":1}" : null);
    }

    @Test
    void jsonRejectsTextThatIsNotJson() {
        Rows json = formatter(Tables.json(), RecordFormat.JSON, RecordMode.VALUE);

        assertThatThrownBy(() -> json.format(record(null, "{not json", 0)))
                .isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("value is not valid JSON");
    }

    @Test
    void csvSplitsTheValueIntoTheCustomColumnsInTableOrder() {
        ArrayRecord row = formatter(Tables.csv(), RecordFormat.CSV, RecordMode.VALUE).format(record("123", "1103,zhangsan,china", 0));

        assertThat(row.getBigint("id")).isEqualTo(1103L);
        assertThat(row.getString("name")).isEqualTo("zhangsan");
        assertThat(row.getString("region")).isEqualTo("china");
    }

    @Test
    void csvKeyModeSplitsTheKey() {
        ArrayRecord row = formatter(Tables.csv(), RecordFormat.CSV, RecordMode.KEY).format(record("1104,lisi,\\N", "ignored", 0));

        assertThat(row.getBigint("id")).isEqualTo(1104L);
        assertThat(row.getString("name")).isEqualTo("lisi");
        assertThat(row.getString("region")).isNull();
    }

    @Test
    void csvWithTheWrongFieldCountOrTypeIsAnError() {
        Rows csv = formatter(Tables.csv(), RecordFormat.CSV, RecordMode.VALUE);

        assertThatThrownBy(() -> csv.format(record(null, "1103,zhangsan", 0)))
                .isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("2 field(s)").hasMessageContaining("[id, name, region]");
        assertThatThrownBy(() -> csv.format(record(null, "x,zhangsan,china", 0)))
                .isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("'x' does not fit column 'id' of type BIGINT");
    }

    @Test
    void flattenMapsTopLevelKeysAndKeepsNestedObjectsAsJson() throws Exception {
        ArrayRecord row = formatter(Tables.flatten(), RecordFormat.FLATTEN, RecordMode.VALUE).format(record("123",
                "{\"id\":123,\"name\":\"json-1\",\"extendinfo\":{\"region\":\"beijing\",\"sex\":\"M\"}}", 0));

        assertThat(row.getBigint("id")).isEqualTo(123L);
        assertThat(row.getString("name")).isEqualTo("json-1");
        assertThat(JSON.readTree(row.get("extendinfo").toString()))
                .isEqualTo(JSON.readTree("{\"sex\":\"M\",\"region\":\"beijing\"}"));
    }

    @Test
    void flattenRejectsAKeyWithoutAColumnAsInSeedAbnormalExample() {
        Rows flatten = formatter(Tables.flatten(), RecordFormat.FLATTEN, RecordMode.VALUE);

        assertThatThrownBy(() -> flatten.format(record("101", "{\"id\":101,\"name\":\"json-4\",\"extendinfos\":\"null\"}", 0)))
                .isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("JSON key 'extendinfos' has no column in table t");
    }

    @Test
    void flattenLeavesMissingKeysNullAndConvertsNumbersGiven_AsText() {
        ArrayRecord row = formatter(Tables.flatten(), RecordFormat.FLATTEN, RecordMode.VALUE)
                .format(record(null, "{\"id\":\"42\"}", 0));

        assertThat(row.getBigint("id")).isEqualTo(42L);
        assertThat(row.get("name")).isNull();
        assertThat(row.get("extendinfo")).isNull();
    }

    @Test
    void flattenRejectsValuesOfTheWrongTypeNamingTheColumn() {
        Rows flatten = formatter(Tables.flatten(), RecordFormat.FLATTEN, RecordMode.VALUE);

        assertThatThrownBy(() -> flatten.format(record(null, "{\"id\":1.5}", 0)))
                .hasMessageContaining("column 'id' of type BIGINT");
        assertThatThrownBy(() -> flatten.format(record(null, "{\"id\":{\"a\":1}}", 0)))
                .hasMessageContaining("column 'id' is BIGINT but the value is a JSON object");
        assertThatThrownBy(() -> flatten.format(record(null, "[1,2]", 0)))
                .hasMessageContaining("format FLATTEN needs a JSON object");
        assertThatThrownBy(() -> flatten.format(record(null, "{\"offset\":1}", 0)))
                .hasMessageContaining("is a fixed column");
    }

    @Test
    void flattenMatchesColumnNamesInAnyCaseAndRangeChecksNarrowIntegers() {
        TableLayout layout = TableLayout.of("t", Tables.partitioned("topic", TypeInfoFactory.STRING,
                "partition", TypeInfoFactory.BIGINT, "offset", TypeInfoFactory.BIGINT, "small", TypeInfoFactory.SMALLINT,
                "tiny", TypeInfoFactory.TINYINT), RecordFormat.FLATTEN, RecordMode.VALUE);
        Rows flatten = rows(layout, RowFormatters.create(RecordFormat.FLATTEN, RecordMode.VALUE, layout, ',', "\\N", ZoneId.of("UTC")));

        ArrayRecord row = flatten.format(record(null, "{\"SMALL\":300,\"Tiny\":-7}", 0));

        assertThat(row.get("small")).isEqualTo((short) 300);
        assertThat(row.get("tiny")).isEqualTo((byte) -7);
        assertThatThrownBy(() -> flatten.format(record(null, "{\"tiny\":300}", 0)))
                .hasMessageContaining("'300' does not fit column 'tiny' of type TINYINT");
    }

    @Test
    void flattenWritesDoublesGivenAsFractionsWholeNumbersOrText() {
        TableLayout layout = TableLayout.of("t", Tables.partitioned("topic", TypeInfoFactory.STRING,
                "partition", TypeInfoFactory.BIGINT, "offset", TypeInfoFactory.BIGINT, "d", TypeInfoFactory.DOUBLE),
                RecordFormat.FLATTEN, RecordMode.VALUE);
        Rows flatten = rows(layout, RowFormatters.create(RecordFormat.FLATTEN, RecordMode.VALUE, layout, ',', "\\N", ZoneId.of("UTC")));

        assertThat(flatten.format(record(null, "{\"d\":0.1}", 0)).getDouble("d")).isEqualTo(0.1d);
        assertThat(flatten.format(record(null, "{\"d\":-1.7976931348623157E308}", 0)).getDouble("d")).isEqualTo(-Double.MAX_VALUE);
        assertThat(flatten.format(record(null, "{\"d\":7}", 0)).getDouble("d")).isEqualTo(7.0d);
        assertThat(flatten.format(record(null, "{\"d\":\"2.5\"}", 0)).getDouble("d")).isEqualTo(2.5d);
        assertThatThrownBy(() -> flatten.format(record(null, "{\"d\":\"x\"}", 0)))
                .hasMessageContaining("'x' does not fit column 'd' of type DOUBLE");
    }

    /** JSON text is read by a streaming parser, structured values through a tree: both must give the same row. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"b\":9007199254740993,\"d\":7,\"s\":\"x\",\"f\":true,\"j\":{\"k\":[1,2]},\"t\":\"2023-07-13 21:13:00\"}",
        "{\"b\":\"42\",\"d\":1.5e3,\"s\":{\"n\":null},\"f\":\"false\",\"j\":[1,\"a\"],\"i\":-3,\"dec\":12.345}",
        "{\"B\":null,\"D\":\"2.5\",\"S\":17,\"F\":false,\"J\":\"text\",\"I\":\"8\",\"T\":1689254000000}",
        "{\"s\":\"a\",\"s\":\"last wins\",\"dec\":\"0.1\"}",
        "  {\"d\":-1.7976931348623157E308, \"b\":-9223372036854775807}  ",
    })
    void flattenGivesTheSameRowFromJsonTextBytesAndStructuredValues(String json) throws Exception {
        TableLayout layout = TableLayout.of("t", Tables.partitioned("topic", TypeInfoFactory.STRING,
                "partition", TypeInfoFactory.BIGINT, "offset", TypeInfoFactory.BIGINT, "b", TypeInfoFactory.BIGINT,
                "d", TypeInfoFactory.DOUBLE, "s", TypeInfoFactory.STRING, "f", TypeInfoFactory.BOOLEAN,
                "j", TypeInfoFactory.JSON, "i", TypeInfoFactory.INT, "dec", TypeInfoFactory.getDecimalTypeInfo(10, 3),
                "t", TypeInfoFactory.DATETIME), RecordFormat.FLATTEN, RecordMode.VALUE);
        RowFormatter flatten = RowFormatters.create(RecordFormat.FLATTEN, RecordMode.VALUE, layout, ',', "\\N", ZoneId.of("UTC"));
        @SuppressWarnings("unchecked")
        Map<String, Object> structured = JSON.readValue(json, Map.class);

        Object[] fromText = flatten.format(record(null, json, 0));
        Object[] fromBytes = flatten.format(record(null, json.getBytes(StandardCharsets.UTF_8), 0));
        Object[] fromMap = flatten.format(record(null, structured, 0));

        assertThat(comparable(fromText)).containsExactly(comparable(fromMap));
        assertThat(comparable(fromBytes)).containsExactly(comparable(fromMap));
        assertThat(Arrays.stream(fromText).skip(3).filter(Objects::nonNull)).isNotEmpty();
    }

    /** JSON column values (SimpleJsonValue) have no equals(): compare their text. */
    private static Object[] comparable(Object[] values) {
        return Arrays.stream(values).map(v -> v instanceof JsonValue json ? "json:" + json : v).toArray();
    }

    @Test
    void flattenTellsPlainTextMalformedJsonAndTooLargeNumbersApart() {
        Rows flatten = formatter(Tables.flatten(), RecordFormat.FLATTEN, RecordMode.VALUE);

        assertThatThrownBy(() -> flatten.format(record(null, "hello", 0)))
                .hasMessageContaining("is a JSON string; format FLATTEN needs a JSON object");
        assertThatThrownBy(() -> flatten.format(record(null, "{\"id\":1,\"name\":", 0)))
                .hasMessageContaining("the record value is not valid JSON");
        assertThatThrownBy(() -> flatten.format(record(null, "{\"id\":1 \"name\":\"x\"}", 0)))
                .hasMessageContaining("the record value is not valid JSON");
        assertThatThrownBy(() -> flatten.format(record(null, "{\"id\":92233720368547758070}", 0)))
                .hasMessageContaining("does not fit column 'id' of type BIGINT");
    }

    @Test
    void aTableWithoutTheColumnsAFormatNeedsFailsAtStartNamingTheColumn() {
        assertThatThrownBy(() -> TableLayout.of("table_csv", Tables.csv(), RecordFormat.TEXT, RecordMode.VALUE))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("has no column 'value'");
        assertThatThrownBy(() -> TableLayout.of("table_json", Tables.json(), RecordFormat.TEXT, RecordMode.VALUE))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("Column 'value' of table table_json is JSON");
    }
}
