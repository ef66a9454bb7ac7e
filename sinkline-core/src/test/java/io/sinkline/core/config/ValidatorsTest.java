package io.sinkline.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

    enum WindowType { DAY, HOUR, MINUTE }

    enum InsertMode { PUT, UPDATE_ROW }

    @Test
    void caseInsensitiveEnumAcceptsAnyCaseAndParses() {
        CaseInsensitiveEnumValidator<WindowType> v = Validators.caseInsensitiveEnum(WindowType.class);

        assertThatCode(() -> v.ensureValid("partition_window_type", "hour")).doesNotThrowAnyException();
        assertThat(v.parse("partition_window_type", " Minute ")).isEqualTo(WindowType.MINUTE);
        assertThat(Validators.caseInsensitiveEnum(InsertMode.class).parse("insert.mode", "update-row"))
                .isEqualTo(InsertMode.UPDATE_ROW);
    }

    @Test
    void caseInsensitiveEnumNamesTheKeyTheValueAndTheAllowedValues() {
        CaseInsensitiveEnumValidator<WindowType> v = Validators.caseInsensitiveEnum(WindowType.class);

        assertThatThrownBy(() -> v.ensureValid("partition_window_type", "WEEK"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("partition_window_type")
                .hasMessageContaining("WEEK")
                .hasMessageContaining("[day, hour, minute]");
        assertThatThrownBy(() -> v.ensureValid("partition_window_type", null)).isInstanceOf(ConfigException.class);
        assertThatCode(() -> Validators.optionalCaseInsensitiveEnum(WindowType.class).ensureValid("k", null))
                .doesNotThrowAnyException();
        assertThat(v).hasToString("[day, hour, minute]");
        assertThat(v.names()).containsExactly("day", "hour", "minute");
    }

    @Test
    void connectValidationReportsTheMessageAgainstTheKey() {
        ConfigDef def = new ConfigDef().define("partition_window_type", Type.STRING, "HOUR",
                Validators.caseInsensitiveEnum(WindowType.class), Importance.HIGH, "the format");

        List<ConfigValue> results = def.validate(Map.of("partition_window_type", "yearly"));

        ConfigValue format = results.stream().filter(r -> r.name().equals("partition_window_type")).findFirst().orElseThrow();
        assertThat(format.errorMessages()).singleElement().asString().contains("partition_window_type", "yearly", "[day, hour, minute]");
    }

    @Test
    void nonBlankRefusesEmptyAndWhitespace() {
        assertThatThrownBy(() -> Validators.nonBlank().ensureValid("table", " "))
                .isInstanceOf(ConfigException.class).hasMessageContaining("table").hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> Validators.nonBlank().ensureValid("table", null)).isInstanceOf(ConfigException.class);
        assertThatCode(() -> Validators.nonBlank().ensureValid("table", "t1")).doesNotThrowAnyException();
    }

    @Test
    void optionalLetsEmptyThroughAndChecksTheRest() {
        ConfigDef.Validator v = Validators.optional(Validators.timeZone());
        assertThatCode(() -> v.ensureValid("time_zone", null)).doesNotThrowAnyException();
        assertThatCode(() -> v.ensureValid("time_zone", "")).doesNotThrowAnyException();
        assertThatThrownBy(() -> v.ensureValid("time_zone", "Mars/Olympus")).isInstanceOf(ConfigException.class);
    }

    @Test
    void timeZonesInTheSeedsFormsAreAccepted() {
        ConfigDef.Validator v = Validators.timeZone();
        for (String zone : List.of("GMT+08:00", "Asia/Shanghai", "UTC", "+08:00", "America/New_York")) {
            assertThatCode(() -> v.ensureValid("time_zone", zone)).as(zone).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> v.ensureValid("time_zone", "GMT+25"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("time_zone").hasMessageContaining("GMT+08:00");
    }

    @Test
    void regexNamesWhereItBreaks() {
        assertThatCode(() -> Validators.regex().ensureValid("topics.regex", "orders-.*")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Validators.regex().ensureValid("topics.regex", "orders-("))
                .isInstanceOf(ConfigException.class).hasMessageContaining("topics.regex").hasMessageContaining("index");
    }

    @Test
    void pairsParseTopicToTableMapsFromTextOrLists() {
        assertThat(Validators.parsePairs("topics.assign.tables", "orders:t_orders, payments : t_pay", "topic", "table"))
                .containsExactly(Map.entry("orders", "t_orders"), Map.entry("payments", "t_pay"));
        assertThat(Validators.parsePairs("topics.assign.tables", List.of("a:b"), "topic", "table"))
                .containsExactly(Map.entry("a", "b"));
        assertThat(Validators.parsePairs("topics.assign.tables", "", "topic", "table")).isEmpty();
    }

    @Test
    void pairsRefuseMalformedAndDuplicateEntries() {
        ConfigDef.Validator v = Validators.pairs("topic", "table");
        assertThatThrownBy(() -> v.ensureValid("topics.assign.tables", "orders"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'orders' is not a topic:table pair");
        assertThatThrownBy(() -> v.ensureValid("topics.assign.tables", "orders:"))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> v.ensureValid("topics.assign.tables", "a:x,a:y"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("topic 'a' appears more than once");
        assertThat(v).hasToString("comma-separated topic:table pairs");
    }
}
