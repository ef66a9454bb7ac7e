package io.sinkline.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordViewTest {

    private static SinkRecord record(Object key, Object value) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("trace", "t-1");
        return new SinkRecord("demo-topic", 0, null, key, null, value, 2, 1739756629123L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, headers);
    }

    @Test
    void jsonFormatParsesStringsAndBytesKeepingTypes() {
        RecordView view = RecordView.of(record("k1",
                "{\"id\":7,\"price\":1.5,\"ok\":true,\"tags\":[\"a\"]}".getBytes(StandardCharsets.UTF_8)),
                PayloadFormat.JSON);

        JsonNode value = view.value();
        assertThat(value.get("id").isIntegralNumber()).isTrue();
        assertThat(value.get("id").longValue()).isEqualTo(7);
        assertThat(value.get("price").doubleValue()).isEqualTo(1.5);
        assertThat(value.get("ok").booleanValue()).isTrue();
        assertThat(value.get("tags").get(0).textValue()).isEqualTo("a");
    }

    @Test
    void jsonFormatRejectsMalformedJsonWithAReason() {
        RecordView view = RecordView.of(record("k1", "{not json"), PayloadFormat.JSON);
        assertThatThrownBy(view::value).isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("value is not valid JSON");
    }

    @Test
    void jsonFormatKeepsPlainTextAsAString() {
        RecordView view = RecordView.of(record("ots-sink-k1", "ots-sink-v1"), PayloadFormat.JSON);
        assertThat(view.key().textValue()).isEqualTo("ots-sink-k1");
        assertThat(view.value().textValue()).isEqualTo("ots-sink-v1");
        assertThatThrownBy(() -> RecordView.of(record("k", "[1,"), PayloadFormat.JSON).value())
                .isInstanceOf(RecordFormatException.class);
    }

    @Test
    void textFormatKeepsTheStringAndBinaryFormatEncodesBase64() {
        byte[] bytes = "ots-sink-v1".getBytes(StandardCharsets.UTF_8);
        assertThat(RecordView.of(record("k", bytes), PayloadFormat.TEXT).value().textValue()).isEqualTo("ots-sink-v1");
        assertThat(RecordView.of(record("k", bytes), PayloadFormat.BINARY).value().textValue())
                .isEqualTo(Base64.getEncoder().encodeToString(bytes));
        assertThat(RecordView.of(record("k", "{\"a\":1}"), PayloadFormat.TEXT).value().textValue()).isEqualTo("{\"a\":1}");
    }

    @Test
    void structAndMapValuesBecomeTrees() {
        Schema schema = SchemaBuilder.struct().field("name", Schema.STRING_SCHEMA).field("n", Schema.INT32_SCHEMA)
                .field("raw", Schema.BYTES_SCHEMA).build();
        Struct struct = new Struct(schema).put("name", "x").put("n", 3).put("raw", new byte[] {1, 2});
        JsonNode tree = RecordView.of(record("k", struct), PayloadFormat.JSON).value();
        assertThat(tree.get("name").textValue()).isEqualTo("x");
        assertThat(tree.get("n").intValue()).isEqualTo(3);
        assertThat(tree.get("raw").isBinary()).isTrue();

        JsonNode map = RecordView.of(record("k", Map.of("list", List.of(1, 2))), PayloadFormat.JSON).value();
        assertThat(map.get("list").get(1).intValue()).isEqualTo(2);
    }

    @Test
    void envelopeFollowsSeedZeroLayout() {
        RecordView view = RecordView.of(record("ots-sink-k1", "\"ots-sink-v1\""), PayloadFormat.JSON);
        JsonNode event = view.envelope();

        assertThat(event.get("source").textValue()).isEqualTo("acs:alikafka");
        assertThat(event.get("specversion").textValue()).isEqualTo("1.0");
        assertThat(event.get("type").textValue()).isEqualTo("alikafka:Topic:Message");
        assertThat(event.get("datacontenttype").textValue()).isEqualTo("application/json; charset=utf-8");
        assertThat(event.get("time").textValue()).isEqualTo("2025-02-17T01:43:49.123Z");
        assertThat(event.get("subject").textValue()).endsWith(":topic:demo-topic");
        assertThat(event.get("id").textValue()).endsWith("-0-2");
        JsonNode data = event.get("data");
        assertThat(data.get("topic").textValue()).isEqualTo("demo-topic");
        assertThat(data.get("partition").intValue()).isZero();
        assertThat(data.get("offset").longValue()).isEqualTo(2);
        assertThat(data.get("timestamp").longValue()).isEqualTo(1739756629123L);
        assertThat(data.get("key").textValue()).isEqualTo("ots-sink-k1");
        assertThat(data.get("value").textValue()).isEqualTo("ots-sink-v1");
        assertThat(data.get("headers").get("headers").get(0).get("key").textValue()).isEqualTo("trace");
        assertThat(data.get("headers").get("isReadOnly").booleanValue()).isFalse();
    }

    @Test
    void tombstoneHasNullValue() {
        RecordView view = RecordView.of(record("k", null), PayloadFormat.JSON);
        assertThat(view.isTombstone()).isTrue();
        assertThat(view.value().isNull()).isTrue();
    }
}
