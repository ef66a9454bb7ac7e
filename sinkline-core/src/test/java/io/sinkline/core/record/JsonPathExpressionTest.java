package io.sinkline.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPathExpressionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode doc() throws Exception {
        return MAPPER.readTree("{\"data\":{\"topic\":\"t\",\"offset\":2,\"value\":{\"x\":{\"y\":1.5},\"n\":null,"
                + "\"list\":[{\"id\":1},{\"id\":2}]}}}");
    }

    @Test
    void readsNestedValuesWithTheirTypes() throws Exception {
        assertThat(JsonPathExpression.compile("$.data.topic").read(doc())).get()
                .extracting(JsonNode::textValue).isEqualTo("t");
        assertThat(JsonPathExpression.compile("$.data.offset").read(doc()).get().isIntegralNumber()).isTrue();
        assertThat(JsonPathExpression.compile("$.data.value.x.y").read(doc()).get().doubleValue()).isEqualTo(1.5);
        assertThat(JsonPathExpression.compile("$.data.value.x").read(doc()).get().isObject()).isTrue();
        assertThat(JsonPathExpression.compile("$.data.value.list[1].id").read(doc()).get().intValue()).isEqualTo(2);
        assertThat(JsonPathExpression.compile("$['data']['topic']").read(doc())).isPresent();
    }

    @Test
    void missingPathIsEmptyAndJsonNullIsPresent() throws Exception {
        assertThat(JsonPathExpression.compile("$.data.value.absent").read(doc())).isEmpty();
        assertThat(JsonPathExpression.compile("$.nothing.here").read(doc())).isEmpty();
        assertThat(JsonPathExpression.compile("$.data.value.n").read(doc())).get()
                .extracting(JsonNode::isNull).isEqualTo(true);
    }

    @Test
    void indefinitePathsReturnLists() throws Exception {
        JsonPathExpression ids = JsonPathExpression.compile("$.data.value.list[*].id");
        assertThat(ids.isDefinite()).isFalse();
        assertThat(ids.read(doc()).get().size()).isEqualTo(2);
        assertThat(JsonPathExpression.compile("$..absent").read(doc())).isEmpty();
    }

    @Test
    void badExpressionsAreRejectedWithTheExpression() {
        assertThatThrownBy(() -> JsonPathExpression.compile("$.a[1:x]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.a[1:x]");
        assertThatThrownBy(() -> JsonPathExpression.compile("$..")).hasMessageContaining("does not parse");
        assertThatThrownBy(() -> JsonPathExpression.compile("data.x")).hasMessageContaining("must start with '$'");
        assertThatThrownBy(() -> JsonPathExpression.compile(" ")).hasMessageContaining("empty");
    }
}
