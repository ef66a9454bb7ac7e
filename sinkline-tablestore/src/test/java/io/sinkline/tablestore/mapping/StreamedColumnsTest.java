package io.sinkline.tablestore.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.model.RowChange;
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
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * Columns read straight from a JSON object's text (nothing decoded the value before) must be the
 * columns the JSON tree gives (a filter or a rule decoded the value first), for every JSON shape.
 */
class StreamedColumnsTest {
    private static final List<String> DOCUMENTS = List.of(
            "{\"name\":\"a\",\"n\":7,\"price\":1.5,\"ok\":true,\"no\":false,\"nested\":{\"x\":[1, {\"y\" : null}]},\"gone\":null}",
            "  \n {\"list\":[1,\"two\",3.0e2],\"empty\":{},\"none\":[]}  ",
            "{\"big\":123456789012345678901234567890,\"neg\":-9223372036854775808,\"max\":9223372036854775807}",
            "{\"f\":-0.0,\"e\":1E-7,\"i\":-12,\"s\":\"quote \\\" and \\u00e9 \\ud83d\\ude00\"}",
            "{\"dup\":1,\"other\":\"o\",\"dup\":\"last wins\"}",
            "{\"topic_partition\":\"not a column\",\"offset\":{\"deep\":[1]},\"kept\":1}",
            "{\"a\":1} trailing text is ignored, as the tree parser ignores it",
            // Flat objects of simple values: from bytes, FlatJsonScanner reads these without Jackson.
            "{\"id\":1,\"name\":\"Zoë 中文 😀\",\"amount\":12.34,\"ok\":false,\"none\":null, \"e\":-1.5E+3,\"z\":-0}",
            "{\"topic_partition\":\"skipped\",\"dup\":1,\"dup\":2.5}",
            "{}");

    private static SinkRecord record(Object value) {
        return new SinkRecord("orders", 3, null, "k", null, value, 42, 1739756629123L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    private static RowMapper mapper(OperationMode op) {
        return new RowMapper(TableMapping.from(Map.of(), "t"), PrimaryKeyMode.KAFKA, op, DeleteMode.ROW_AND_COLUMN, false);
    }

    private static RowChange streamed(RowMapper mapper, Object value) {
        RecordView view = RecordView.of(record(value), PayloadFormat.JSON);
        RowChange change = mapper.map(view);
        assertThat(view.isValueDecoded()).as("streamed without a tree").isFalse();
        return change;
    }

    private static RowChange fromTree(RowMapper mapper, Object value) {
        RecordView view = RecordView.of(record(value), PayloadFormat.JSON);
        view.value();
        return mapper.map(view);
    }

    private static String describe(RowChange change) {
        if (change instanceof RowPutChange put) {
            return put.getColumnsToPut().stream()
                    .map(c -> c.getName() + "=" + c.getValue().getType() + ":" + c.getValue()).toList().toString();
        }
        RowUpdateChange update = (RowUpdateChange) change;
        return update.getColumnsToUpdate().stream()
                .map(p -> p.getSecond() + " " + p.getFirst().getName()
                        + (p.getFirst().getValue() == null ? "" : "=" + p.getFirst().getValue().getType() + ":" + p.getFirst().getValue()))
                .toList().toString();
    }

    @Test
    void putColumnsAreTheTreesColumns() {
        RowMapper mapper = mapper(OperationMode.PUT);
        for (String doc : DOCUMENTS) {
            assertThat(describe(streamed(mapper, doc))).as(doc).isEqualTo(describe(fromTree(mapper, doc)));
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            assertThat(describe(streamed(mapper, bytes))).as(doc).isEqualTo(describe(fromTree(mapper, bytes)));
        }
        assertThat(describe(streamed(mapper, DOCUMENTS.get(0))))
                .contains("n=INTEGER:7", "price=DOUBLE:1.5", "ok=BOOLEAN:true", "nested=STRING:{\"x\":[1,{\"y\":null}]}")
                .doesNotContain("gone");
        assertThat(describe(streamed(mapper, DOCUMENTS.get(2)))).contains("big=DOUBLE:", "max=INTEGER:9223372036854775807");
        assertThat(describe(streamed(mapper, DOCUMENTS.get(4)))).isEqualTo("[dup=STRING:last wins, other=STRING:o]");
        assertThat(describe(streamed(mapper, DOCUMENTS.get(5)))).isEqualTo("[kept=INTEGER:1]");
    }

    @Test
    void updateColumnsAndNullDeletesAreTheTrees() {
        RowMapper mapper = mapper(OperationMode.UPDATE);
        for (String doc : DOCUMENTS.subList(0, DOCUMENTS.size() - 1)) {
            assertThat(describe(streamed(mapper, doc))).as(doc).isEqualTo(describe(fromTree(mapper, doc)));
        }
        assertThat(describe(streamed(mapper, DOCUMENTS.get(0)))).contains("DELETE_ALL gone");
    }

    @Test
    void malformedObjectsAndOtherValuesTakeTheTreePath() {
        RowMapper mapper = mapper(OperationMode.PUT);
        assertThatThrownBy(() -> mapper.map(RecordView.of(record("{\"id\":1,"), PayloadFormat.JSON)))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> mapper.map(RecordView.of(record("{\"a\":1 \"b\":2}"), PayloadFormat.JSON)))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("not valid JSON");
        assertThat(describe(mapper.map(RecordView.of(record("[1,2]"), PayloadFormat.JSON))))
                .isEqualTo("[value=STRING:[1,2]]");
        assertThat(describe(mapper.map(RecordView.of(record("plain text"), PayloadFormat.JSON))))
                .isEqualTo("[value=STRING:plain text]");
        String huge = "x".repeat(TypedValues.MAX_ATTRIBUTE_BYTES + 1);
        assertThatThrownBy(() -> mapper.map(RecordView.of(record("{\"big\":\"" + huge + "\"}"), PayloadFormat.JSON)))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("column 'big' is");
    }
}
