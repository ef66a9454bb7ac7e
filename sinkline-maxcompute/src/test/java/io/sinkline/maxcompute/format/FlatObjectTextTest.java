package io.sinkline.maxcompute.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.aliyun.odps.data.JsonValue;
import com.aliyun.odps.type.TypeInfoFactory;

import io.sinkline.maxcompute.config.RecordFormat;
import io.sinkline.maxcompute.config.RecordMode;

/**
 * FLATTEN's fast path for JSON text, given as a String or as bytes, gives exactly the rows (or the
 * errors) of the Jackson path: each JSON is formatted both ways and the outcomes compared.
 */
class FlatObjectTextTest {

    private final TableLayout layout = TableLayout.of("t", Tables.partitioned("topic", TypeInfoFactory.STRING,
            "partition", TypeInfoFactory.BIGINT, "offset", TypeInfoFactory.BIGINT, "id", TypeInfoFactory.BIGINT,
            "name", TypeInfoFactory.STRING, "price", TypeInfoFactory.DOUBLE, "ok", TypeInfoFactory.BOOLEAN,
            "small", TypeInfoFactory.INT, "info", TypeInfoFactory.JSON), RecordFormat.FLATTEN, RecordMode.VALUE);

    private static final String[] COMMON_SHAPE = {
        "{\"id\":101,\"name\":\"json-1\",\"price\":12.5,\"ok\":true}",
        "{}",
        " { \"id\" : -7 ,\n\t\"name\" : \"\" , \"ok\" : false } ",
        "{\"id\":null,\"name\":null,\"price\":null,\"ok\":null,\"small\":null,\"info\":null}",
        "{\"price\":3}",
        "{\"price\":-0}",
        "{\"price\":1e3}",
        "{\"price\":-2.5E-3}",
        "{\"price\":0.1000000000000000055511151231257827}",
        "{\"id\":999999999999999999}",
        "{\"ID\":5,\"Name\":\"mixed case keys\"}",
        "{\"id\":1,\"id\":2}",
        "{\"name\":\"ключ, 鍵 and \uD83D\uDE00\"}",
        "{\"id\":1}trailing text is not read",
    };

    private static final String[] OTHER_SHAPES = {
        "{\"name\":\"an \\\"escaped\\\" quote\"}",
        "{\"name\":\"a \\u00e9 escape\"}",
        "{\"info\":{\"a\":[1,2]}}",
        "{\"info\":\"text for a JSON column\"}",
        "{\"small\":300}",
        "{\"id\":\"123\"}",
        "{\"name\":123}",
        "{\"id\":1.5}",
        "{\"id\":1e2}",
        "{\"id\":1234567890123456789}",
        "{\"id\":99999999999999999999}",
        "{\"ok\":1}",
        "{\"id\":01}",
        "{\"id\":-}",
        "{\"id\":+1}",
        "{\"id\":1.}",
        "{\"id\":1e}",
        "{\"id\":12a}",
        "{\"ok\":truex}",
        "{\"ok\":tru}",
        "{\"unknown\":1}",
        "{\"offset\":1}",
        "{\"id\":1,}",
        "{\"id\":1",
        "{\"id\" 1}",
        "{id:1}",
        "[1,2]",
        "\"text\"",
        "not json at all",
        "",
        "{\"name\":\"a\ttab\"}",
    };

    static Stream<String> commonShape() {
        return Stream.of(COMMON_SHAPE);
    }

    static Stream<String> otherShapes() {
        return Stream.of(OTHER_SHAPES);
    }

    @ParameterizedTest
    @MethodSource("commonShape")
    void theCommonShapeIsReadWithoutJacksonAndGivesJacksonsRow(String json) {
        assertThat(new FlatObjectText(layout, new FieldOrder()).read(json, startedRow(json))).as("read by the fast path: %s", json).isTrue();
        assertSameOutcome(json);
    }

    @ParameterizedTest
    @MethodSource("otherShapes")
    void otherShapesAreLeftToJackson(String json) {
        assertThat(new FlatObjectText(layout, new FieldOrder()).read(json, startedRow(json))).as("left to Jackson: %s", json).isFalse();
        assertSameOutcome(json);
    }

    /**
     * The fast path puts strings into the row without the SDK's checks up to a length far below the
     * SDK's limit; longer ones get its check, so a string over the limit fails as on the Jackson path.
     */
    @ParameterizedTest
    @ValueSource(ints = {RowBuilder.LONGEST_UNCHECKED_STRING, RowBuilder.LONGEST_UNCHECKED_STRING + 1, 8 * 1024 * 1024 + 1})
    void longStringsGetTheSdksSizeCheck(int length) {
        String json = "{\"id\":1,\"name\":\"" + "x".repeat(length) + "\"}";

        String what = "a string of " + length + " chars"; // the JSON itself would flood a failure's report
        assertSameOutcome(json, what);
        if (length > 8 * 1024 * 1024) {
            assertThatThrownBy(() -> newFormatter().format(record(json))).as(what).hasMessageContaining("more than 8388608 bytes");
        } else {
            assertThat(Arrays.asList(newFormatter().format(record(json))).contains("x".repeat(length))).as(what).isTrue();
        }
    }

    /** Bytes that are not UTF-8 decode to U+FFFD, which sends the record to Jackson, which reports them. */
    @ParameterizedTest
    @ValueSource(strings = {"C328", "FF", "EDA080", "C0AF", "EFBFBD"})
    void bytesThatAreNotUtf8OrHoldUFffdGetJacksonsOutcome(String hex) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes("{\"id\":1,\"name\":\"a".getBytes(StandardCharsets.UTF_8));
        json.writeBytes(HexFormat.of().parseHex(hex));
        json.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));

        assertSameOutcome(record(json.toByteArray()), record(json.toByteArray()), "bytes " + hex + " in a string");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void keysInAnotherOrderThanTheLastRecordsStillFindTheirColumns(int first) {
        RowFormatter formatter = RowFormatters.create(RecordFormat.FLATTEN, RecordMode.VALUE, layout, ',', "\\N", ZoneId.of("UTC"));
        String[] orders = {
            "{\"id\":1,\"name\":\"a\",\"price\":1.5}",
            "{\"price\":2.5,\"id\":2,\"name\":\"b\"}",
            "{\"name\":\"c\",\"price\":3.5}",
        };
        for (int n = 0; n < orders.length; n++) {
            String json = orders[(first + n) % orders.length];
            assertThat(comparable(formatter.format(record(json)))).as(json)
                    .isEqualTo(comparable(viaJackson().format(record(json.getBytes(StandardCharsets.UTF_8)))));
        }
    }

    private void assertSameOutcome(String json) {
        assertSameOutcome(json, json);
    }

    private void assertSameOutcome(String json, String what) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertSameOutcome(record(json), record(bytes), what + " (as a String)");
        assertSameOutcome(record(bytes), record(bytes), what + " (as bytes)");
    }

    /** {@code fastPath} through the connector's formatter and {@code jacksonPath} through one that never takes the fast path. */
    private void assertSameOutcome(SinkRecord fastPath, SinkRecord jacksonPath, String what) {
        Object[] fast = null;
        Throwable fastError = null;
        try {
            fast = newFormatter().format(fastPath);
        } catch (RuntimeException e) {
            fastError = e;
        }
        Object[] jackson = null;
        Throwable jacksonError = null;
        try {
            jackson = viaJackson().format(jacksonPath);
        } catch (RuntimeException e) {
            jacksonError = e;
        }
        if (jacksonError == null) {
            assertThat(fastError).as("error for %s", what).isNull();
            assertThat(comparable(fast)).as(what).isEqualTo(comparable(jackson));
        } else {
            assertThat(fastError).as("error for %s", what).isNotNull();
            assertThat(fastError).as(what).hasMessage(jacksonError.getMessage()).hasSameClassAs(jacksonError);
        }
    }

    private RowBuilder startedRow(String json) {
        RowBuilder rows = new RowBuilder(layout);
        rows.start(record(json));
        return rows;
    }

    /** The SDK's JsonValue has no equals: compared by its JSON text. */
    private static List<Object> comparable(Object[] row) {
        return Arrays.stream(row).map(value -> value instanceof JsonValue json ? "JSON " + json : value).toList();
    }

    private RowFormatter newFormatter() {
        return RowFormatters.create(RecordFormat.FLATTEN, RecordMode.VALUE, layout, ',', "\\N", ZoneId.of("UTC"));
    }

    private RowFormatter viaJackson() {
        return new FlattenRowFormatter(layout, RecordMode.VALUE, new ColumnValueConverter(ZoneId.of("UTC")), false);
    }

    private static SinkRecord record(Object value) {
        return new SinkRecord("topic_x", 3, Schema.OPTIONAL_STRING_SCHEMA, null, Schema.OPTIONAL_STRING_SCHEMA, value, 42);
    }
}
