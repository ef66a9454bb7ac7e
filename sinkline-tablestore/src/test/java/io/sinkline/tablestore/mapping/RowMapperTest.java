package io.sinkline.tablestore.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import io.sinkline.core.record.PayloadFormat;
import io.sinkline.core.record.RecordFormatException;
import io.sinkline.core.record.RecordView;
import io.sinkline.tablestore.config.DeleteMode;
import io.sinkline.tablestore.config.OperationMode;
import io.sinkline.tablestore.config.PrimaryKeyMode;
import io.sinkline.tablestore.config.TableMapping;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RowMapperTest {

    private static SinkRecord record(Object key, Object value) {
        return new SinkRecord("orders", 3, null, key, null, value, 42, 1739756629123L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    private static RowMapper mapper(Map<String, String> props, PrimaryKeyMode mode, OperationMode op, DeleteMode delete) {
        return new RowMapper(TableMapping.from(props, "t"), mode, op, delete, true);
    }

    private static RowChange map(RowMapper mapper, SinkRecord record) {
        return mapper.map(RecordView.of(record, PayloadFormat.JSON));
    }

    private static Map<String, Column> columns(RowPutChange change) {
        Map<String, Column> map = new HashMap<>();
        change.getColumnsToPut().forEach(c -> map.put(c.getName(), c));
        return map;
    }

    private static Object[] pk(RowChange change) {
        return Arrays.stream(change.getPrimaryKey().getPrimaryKeyColumns())
                .map(PrimaryKeyColumn::getValue).map(v -> v.getType().name() + ":" + v).toArray();
    }

    @Test
    void kafkaModeKeysByTopicPartitionAndOffsetAndKeepsTypes() {
        RowChange change = map(mapper(Map.of(), PrimaryKeyMode.KAFKA, OperationMode.PUT, DeleteMode.NONE),
                record("k", "{\"name\":\"a\",\"n\":7,\"price\":1.5,\"ok\":true,\"nested\":{\"x\":[1]},\"gone\":null}"));
        assertThat(change).isInstanceOf(RowPutChange.class);
        assertThat(pk(change)).containsExactly("STRING:orders_3", "INTEGER:42");
        Map<String, Column> columns = columns((RowPutChange) change);
        assertThat(columns.get("name").getValue().getType()).isEqualTo(ColumnType.STRING);
        assertThat(columns.get("n").getValue().asLong()).isEqualTo(7);
        assertThat(columns.get("price").getValue().asDouble()).isEqualTo(1.5);
        assertThat(columns.get("ok").getValue().asBoolean()).isTrue();
        assertThat(columns.get("nested").getValue().asString()).isEqualTo("{\"x\":[1]}");
        assertThat(columns).doesNotContainKey("gone");
    }

    @Test
    void recordKeyModeReadsKeyFieldsOrTheScalarKey() {
        Map<String, String> one = Map.of("tablestore.t.primarykey.name", "id", "tablestore.t.primarykey.type", "integer");
        RowChange byKey = map(mapper(one, PrimaryKeyMode.RECORD_KEY, OperationMode.PUT, DeleteMode.NONE),
                record("17", "{\"a\":1,\"id\":\"dup\"}"));
        assertThat(pk(byKey)).containsExactly("INTEGER:17");
        assertThat(columns((RowPutChange) byKey)).containsOnlyKeys("a"); // never an attribute named like the key
        Map<String, String> two = Map.of("tablestore.t.primarykey.name", "region,id", "tablestore.t.primarykey.type", "string,integer");
        Schema keySchema = SchemaBuilder.struct().field("region", Schema.STRING_SCHEMA).field("id", Schema.INT64_SCHEMA).build();
        Struct key = new Struct(keySchema).put("region", "eu").put("id", 5L);
        assertThat(pk(map(mapper(two, PrimaryKeyMode.RECORD_KEY, OperationMode.PUT, DeleteMode.NONE), record(key, Map.of("a", 1)))))
                .containsExactly("STRING:eu", "INTEGER:5");
        assertThatThrownBy(() -> map(mapper(two, PrimaryKeyMode.RECORD_KEY, OperationMode.PUT, DeleteMode.NONE),
                record("{\"region\":\"eu\"}", "{}"))).isInstanceOf(RecordFormatException.class).hasMessageContaining("'id'");
    }

    @Test
    void recordValueModeTakesKeyFieldsOutOfTheColumnsAndHonoursTheWhitelist() {
        Map<String, String> props = Map.of("tablestore.t.primarykey.name", "id", "tablestore.t.primarykey.type", "string",
                "tablestore.t.columns.whitelist.name", "price,raw", "tablestore.t.columns.whitelist.type", "double,binary");
        RowPutChange change = (RowPutChange) map(mapper(props, PrimaryKeyMode.RECORD_VALUE, OperationMode.PUT, DeleteMode.NONE),
                record(null, "{\"id\":\"o-1\",\"price\":\"9.5\",\"raw\":\"AQID\",\"other\":1}"));
        assertThat(pk(change)).containsExactly("STRING:o-1");
        Map<String, Column> columns = columns(change);
        assertThat(columns).containsOnlyKeys("price", "raw");
        assertThat(columns.get("price").getValue().asDouble()).isEqualTo(9.5);
        assertThat(columns.get("raw").getValue().asBinary()).containsExactly(1, 2, 3);
    }

    @Test
    void jsonPathRulesReadTheEnvelope() {
        Map<String, String> props = Map.of(
                "tablestore.t.primarykey.name", "topic,partition,offset",
                "tablestore.t.primarykey.type", "string,integer,integer",
                "tablestore.t.primarykey.jsonpath", "$.data.topic,$.data.partition,$.data.offset",
                "tablestore.t.columns.whitelist.name", "key,amount,source",
                "tablestore.t.columns.whitelist.type", "string,integer,string",
                "tablestore.t.columns.jsonpath", "$.data.key,$.data.value.order.amount,$.source");
        RowPutChange change = (RowPutChange) map(mapper(props, PrimaryKeyMode.JSONPATH, OperationMode.PUT, DeleteMode.NONE),
                record("ots-sink-k1", "{\"order\":{\"amount\":12}}"));
        assertThat(pk(change)).containsExactly("STRING:orders", "INTEGER:3", "INTEGER:42");
        Map<String, Column> columns = columns(change);
        assertThat(columns.get("key").getValue().asString()).isEqualTo("ots-sink-k1");
        assertThat(columns.get("amount").getValue().asLong()).isEqualTo(12);
        assertThat(columns.get("source").getValue().asString()).isEqualTo("acs:alikafka");
    }

    @Test
    void jsonPathRulesCanReadThePlainRecordDocument() {
        Map<String, String> props = Map.of(
                "tablestore.t.primarykey.name", "k,off", "tablestore.t.primarykey.type", "string,integer",
                "tablestore.t.primarykey.jsonpath", "$.key,$.offset",
                "tablestore.t.columns.whitelist.name", "first", "tablestore.t.columns.whitelist.type", "string",
                "tablestore.t.columns.jsonpath", "$.value.items[0].name");
        RowMapper mapper = new RowMapper(TableMapping.from(props, "t"), PrimaryKeyMode.JSONPATH, OperationMode.PUT,
                DeleteMode.NONE, false);
        RowPutChange change = (RowPutChange) map(mapper, record("k9", "{\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}]}"));
        assertThat(pk(change)).containsExactly("STRING:k9", "INTEGER:42");
        assertThat(columns(change).get("first").getValue().asString()).isEqualTo("a");
        assertThatThrownBy(() -> map(mapper, record(null, "{}"))).hasMessageContaining("primary key column 'k' is missing or null");
    }

    @Test
    void textAndBinaryPayloadsFeedTheRules() {
        Map<String, String> props = Map.of(
                "tablestore.t.primarykey.name", "k", "tablestore.t.primarykey.type", "string",
                "tablestore.t.primarykey.jsonpath", "$.data.key",
                "tablestore.t.columns.whitelist.name", "v", "tablestore.t.columns.whitelist.type", "string",
                "tablestore.t.columns.jsonpath", "$.data.value");
        RowMapper mapper = mapper(props, PrimaryKeyMode.JSONPATH, OperationMode.PUT, DeleteMode.NONE);
        byte[] value = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        RowPutChange text = (RowPutChange) mapper.map(RecordView.of(record("k1", value), PayloadFormat.TEXT));
        assertThat(columns(text).get("v").getValue().asString()).isEqualTo("{\"a\":1}");
        RowPutChange binary = (RowPutChange) mapper.map(RecordView.of(record("k1", value), PayloadFormat.BINARY));
        assertThat(columns(binary).get("v").getValue().asString()).isEqualTo("eyJhIjoxfQ==");
    }

    @Test
    void updateMergesAndNullsDeleteColumnsOnlyWhenAllowed() {
        Map<String, String> props = Map.of("tablestore.t.primarykey.name", "id", "tablestore.t.primarykey.type", "integer");
        RowUpdateChange update = (RowUpdateChange) map(mapper(props, PrimaryKeyMode.RECORD_VALUE, OperationMode.UPDATE,
                DeleteMode.COLUMN), record(null, "{\"id\":1,\"a\":\"x\",\"b\":null}"));
        assertThat(update.getColumnsToUpdate()).extracting(p -> p.getFirst().getName() + ":" + p.getSecond())
                .containsExactlyInAnyOrder("a:PUT", "b:DELETE_ALL");
        RowUpdateChange keep = (RowUpdateChange) map(mapper(props, PrimaryKeyMode.RECORD_VALUE, OperationMode.UPDATE,
                DeleteMode.NONE), record(null, "{\"id\":1,\"a\":\"x\",\"b\":null}"));
        assertThat(keep.getColumnsToUpdate()).extracting(p -> p.getFirst().getName()).containsExactly("a");
    }

    @Test
    void tombstonesDeleteRowsWhenTheDeleteModeAllows() {
        Map<String, String> props = Map.of("tablestore.t.primarykey.name", "id", "tablestore.t.primarykey.type", "string");
        RowChange delete = map(mapper(props, PrimaryKeyMode.RECORD_KEY, OperationMode.PUT, DeleteMode.ROW), record("a", null));
        assertThat(delete).isInstanceOf(RowDeleteChange.class);
        assertThat(pk(delete)).containsExactly("STRING:a");
        assertThatThrownBy(() -> map(mapper(props, PrimaryKeyMode.RECORD_KEY, OperationMode.PUT, DeleteMode.NONE), record("a", null)))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("delete.mode=none");
        RowChange byKey = map(mapper(props, PrimaryKeyMode.RECORD_KEY, OperationMode.DELETE, DeleteMode.NONE), record("b", "{\"x\":1}"));
        assertThat(byKey).isInstanceOf(RowDeleteChange.class);
    }

    @Test
    void malformedRecordsExplainThemselves() {
        Map<String, String> props = Map.of("tablestore.t.primarykey.name", "id", "tablestore.t.primarykey.type", "integer",
                "tablestore.t.columns.whitelist.name", "n", "tablestore.t.columns.whitelist.type", "integer");
        RowMapper mapper = mapper(props, PrimaryKeyMode.RECORD_VALUE, OperationMode.PUT, DeleteMode.NONE);
        assertThatThrownBy(() -> map(mapper, record(null, "{\"id\":1,")))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> map(mapper, record(null, "{\"n\":1}")))
                .hasMessageContaining("no primary key field 'id'");
        assertThatThrownBy(() -> map(mapper, record(null, "{\"id\":1,\"n\":\"many\"}")))
                .hasMessageContaining("column 'n' must be integer");
        RowMapper all = mapper(Map.of(), PrimaryKeyMode.KAFKA, OperationMode.PUT, DeleteMode.NONE);
        String huge = "x".repeat(TypedValues.MAX_ATTRIBUTE_BYTES + 1);
        assertThatThrownBy(() -> map(all, record(null, "{\"big\":\"" + huge + "\"}")))
                .hasMessageContaining("column 'big' is").hasMessageContaining("the service allows");
    }
}
