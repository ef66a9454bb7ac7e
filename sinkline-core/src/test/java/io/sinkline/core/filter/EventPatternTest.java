package io.sinkline.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventPatternTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static boolean matches(String pattern, String event) throws Exception {
        return EventPattern.parse(pattern).matches(MAPPER.readTree(event));
    }

    private static String leaf(String list) {
        return "{\"data\":{\"v\":" + list + "}}";
    }

    private static String event(String value) {
        return "{\"data\":{\"v\":" + value + ",\"other\":1}}";
    }

    @Test
    void exactValuesOrWithinAList() throws Exception {
        assertThat(matches(leaf("[\"a\",\"b\"]"), event("\"b\""))).isTrue();
        assertThat(matches(leaf("[\"a\",\"b\"]"), event("\"c\""))).isFalse();
        assertThat(matches(leaf("[5]"), event("5.0"))).isTrue();
        assertThat(matches(leaf("[true]"), event("true"))).isTrue();
        assertThat(matches(leaf("[\"5\"]"), event("5"))).isFalse();
    }

    @Test
    void andAcrossKeys() throws Exception {
        String pattern = "{\"data\":{\"v\":[\"a\"],\"other\":[1]}}";
        assertThat(matches(pattern, event("\"a\""))).isTrue();
        assertThat(matches(pattern, "{\"data\":{\"v\":\"a\",\"other\":2}}")).isFalse();
    }

    @Test
    void prefixSuffixContainsWildcardIgnoreCase() throws Exception {
        assertThat(matches(leaf("[{\"prefix\":\"ord\"}]"), event("\"order-1\""))).isTrue();
        assertThat(matches(leaf("[{\"prefix\":\"ord\"}]"), event("\"x-order\""))).isFalse();
        assertThat(matches(leaf("[{\"suffix\":\".png\"}]"), event("\"a.png\""))).isTrue();
        assertThat(matches(leaf("[{\"suffix\":\".png\"}]"), event("\"a.jpg\""))).isFalse();
        assertThat(matches(leaf("[{\"contains\":\"err\"}]"), event("\"an error\""))).isTrue();
        assertThat(matches(leaf("[{\"contains\":\"err\"}]"), event("\"fine\""))).isFalse();
        assertThat(matches(leaf("[{\"wildcard\":\"a*c\"}]"), event("\"abbbc\""))).isTrue();
        assertThat(matches(leaf("[{\"wildcard\":\"a*c\"}]"), event("\"abd\""))).isFalse();
        assertThat(matches(leaf("[{\"wildcard\":\"*.log\"}]"), event("\"x.log\""))).isTrue();
        assertThat(matches(leaf("[{\"equals-ignore-case\":\"OK\"}]"), event("\"ok\""))).isTrue();
        assertThat(matches(leaf("[{\"prefix\":\"1\"}]"), event("12"))).isFalse();
    }

    @Test
    void anythingButValuesAndPrefix() throws Exception {
        assertThat(matches(leaf("[{\"anything-but\":[\"a\",\"b\"]}]"), event("\"c\""))).isTrue();
        assertThat(matches(leaf("[{\"anything-but\":[\"a\",\"b\"]}]"), event("\"a\""))).isFalse();
        assertThat(matches(leaf("[{\"anything-but\":\"a\"}]"), event("\"a\""))).isFalse();
        assertThat(matches(leaf("[{\"anything-but\":{\"prefix\":\"tmp\"}}]"), event("\"tmp-1\""))).isFalse();
        assertThat(matches(leaf("[{\"anything-but\":{\"prefix\":\"tmp\"}}]"), event("\"keep\""))).isTrue();
        assertThat(matches("{\"data\":{\"absent\":[{\"anything-but\":\"a\"}]}}", event("\"x\""))).isFalse();
    }

    @Test
    void numericRanges() throws Exception {
        String range = leaf("[{\"numeric\":[\">\",0,\"<=\",5]}]");
        assertThat(matches(range, event("5"))).isTrue();
        assertThat(matches(range, event("0.5"))).isTrue();
        assertThat(matches(range, event("0"))).isFalse();
        assertThat(matches(range, event("5.01"))).isFalse();
        assertThat(matches(range, event("\"3\""))).isFalse();
        assertThat(matches(leaf("[{\"numeric\":[\"=\",3]}]"), event("3"))).isTrue();
    }

    @Test
    void cidrBlocks() throws Exception {
        String v4 = leaf("[{\"cidr\":\"10.0.0.0/24\"}]");
        assertThat(matches(v4, event("\"10.0.0.77\""))).isTrue();
        assertThat(matches(v4, event("\"10.0.1.1\""))).isFalse();
        assertThat(matches(v4, event("\"not-an-ip\""))).isFalse();
        assertThat(matches(leaf("[{\"cidr\":\"2001:db8::/32\"}]"), event("\"2001:db8::1\""))).isTrue();
    }

    @Test
    void existsNullAndEmptyString() throws Exception {
        assertThat(matches(leaf("[{\"exists\":true}]"), event("\"x\""))).isTrue();
        assertThat(matches("{\"data\":{\"nope\":[{\"exists\":true}]}}", event("\"x\""))).isFalse();
        assertThat(matches("{\"data\":{\"nope\":[{\"exists\":false}]}}", event("\"x\""))).isTrue();
        assertThat(matches(leaf("[{\"exists\":false}]"), event("\"x\""))).isFalse();
        assertThat(matches(leaf("[null]"), event("null"))).isTrue();
        assertThat(matches(leaf("[null]"), event("\"\""))).isFalse();
        assertThat(matches("{\"data\":{\"nope\":[null]}}", event("1"))).isFalse();
        assertThat(matches(leaf("[\"\"]"), event("\"\""))).isTrue();
        assertThat(matches(leaf("[\"\"]"), event("null"))).isFalse();
    }

    @Test
    void arrayValuesMatchWhenAnyElementMatches() throws Exception {
        assertThat(matches(leaf("[\"b\"]"), event("[\"a\",\"b\"]"))).isTrue();
        assertThat(matches(leaf("[\"z\"]"), event("[\"a\",\"b\"]"))).isFalse();
    }

    @Test
    void invalidPatternsNameThePath() {
        assertThatThrownBy(() -> EventPattern.parse("{\"data\":{\"v\":[{\"between\":1}]}}"))
                .hasMessageContaining("data.v").hasMessageContaining("unknown operator 'between'");
        assertThatThrownBy(() -> EventPattern.parse("{\"data\":{\"v\":\"a\"}}")).hasMessageContaining("data.v");
        assertThatThrownBy(() -> EventPattern.parse("{\"v\":[{\"numeric\":[\">\"]}]}")).hasMessageContaining("pairs");
        assertThatThrownBy(() -> EventPattern.parse("{\"v\":[{\"cidr\":\"10.0.0.0\"}]}")).hasMessageContaining("cidr");
        assertThatThrownBy(() -> EventPattern.parse("[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> EventPattern.parse("{")).hasMessageContaining("not valid JSON");
    }

    @Test
    void emptyPatternMatchesEverything() throws Exception {
        JsonNode anything = MAPPER.readTree("{\"a\":1}");
        assertThat(EventPattern.parse("{}").matches(anything)).isTrue();
    }
}
