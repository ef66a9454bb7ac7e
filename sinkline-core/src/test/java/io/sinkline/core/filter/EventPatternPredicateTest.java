package io.sinkline.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class EventPatternPredicateTest {

    private static EventPatternPredicate<SinkRecord> predicate(Map<String, String> config) {
        EventPatternPredicate<SinkRecord> predicate = new EventPatternPredicate<>();
        predicate.configure(config);
        return predicate;
    }

    private static SinkRecord sink(String value) {
        return new SinkRecord("orders", 1, null, "k", null, value, 10);
    }

    @Test
    void matchesTheEnvelopeByDefault() {
        EventPatternPredicate<SinkRecord> p = predicate(Map.of("pattern",
                "{\"data\":{\"topic\":[\"orders\"],\"value\":{\"status\":[{\"prefix\":\"paid\"}]}}}"));
        assertThat(p.test(sink("{\"status\":\"paid-card\"}"))).isTrue();
        assertThat(p.test(sink("{\"status\":\"open\"}"))).isFalse();
        assertThat(p.test(sink("{broken"))).isFalse();
    }

    @Test
    void canMatchTheBareRecordAndSourceRecords() {
        EventPatternPredicate<SourceRecord> p = new EventPatternPredicate<>();
        p.configure(Map.of("pattern", "{\"value\":{\"n\":[{\"numeric\":[\">=\",10]}]}}", "match.on", "record"));
        SourceRecord big = new SourceRecord(null, null, "t", 0, null, "{\"n\":12}");
        SourceRecord small = new SourceRecord(null, null, "t", 0, null, "{\"n\":2}");
        assertThat(p.test(big)).isTrue();
        assertThat(p.test(small)).isFalse();
    }

    @Test
    void textFormatMatchesTheRawString() {
        EventPatternPredicate<SinkRecord> p = predicate(Map.of("pattern", "{\"data\":{\"value\":[{\"suffix\":\"!\"}]}}",
                "payload.format", "TEXT"));
        assertThat(p.test(sink("hello!"))).isTrue();
        assertThat(p.test(sink("hello"))).isFalse();
    }

    @Test
    void aBadPatternIsAConfigErrorOnThePatternKey() {
        assertThatThrownBy(() -> predicate(Map.of("pattern", "{\"a\":[{\"nope\":1}]}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pattern").hasMessageContaining("nope");
    }
}
