package io.sinkline.tablestore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sinkline.core.errors.RetryPolicy;
import io.sinkline.tablestore.TablestoreSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class TablestoreSinkConfigTest {

    /** The official connector's documented data-table example, unchanged. */
    static Map<String, String> officialExample() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "tablestore-sink");
        props.put("connector.class", "TableStoreSinkConnector");
        props.put("tasks.max", "1");
        props.put("topics", "test");
        props.put("tablestore.endpoint", "https://xxx.xxx.ots.aliyuncs.com");
        props.put("tablestore.auth.mode", "aksk");
        props.put("tablestore.access.key.id", "xxx");
        props.put("tablestore.access.key.secret", "xxx");
        props.put("tablestore.instance.name", "xxx");
        props.put("table.name.format", "kafka_<topic>");
        props.put("topics.assign.tables", "test:test_kafka");
        props.put("primarykey.mode", "kafka");
        props.put("tablestore.test_kafka.primarykey.name", "A,B");
        props.put("tablestore.test_kafka.primarykey.type", "string,integer");
        props.put("tablestore.test_kafka.columns.whitelist.name", "A,B");
        props.put("tablestore.test_kafka.columns.whitelist.type", "string,integer");
        props.put("insert.mode", "put");
        props.put("insert.order.enable", "true");
        props.put("auto.create", "true");
        props.put("delete.mode", "none");
        props.put("buffer.size", "1024");
        props.put("max.thread.count", "3");
        props.put("max.concurrency", "10");
        props.put("bucket.count", "3");
        props.put("flush.Interval", "10000");
        props.put("runtime.error.tolerance", "none");
        props.put("runtime.error.mode", "ignore");
        props.put("runtime.error.bootstrap.servers", "localhost:9092");
        props.put("runtime.error.topic.name", "errors");
        props.put("runtime.error.table.name", "errors");
        props.put("tablestore.mode", "normal");
        return props;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        return new TablestoreSinkConnector().validate(props).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void acceptsTheOfficialExampleAsWritten() {
        Map<String, String> props = officialExample();
        assertThat(errors(props)).isEmpty();
        TablestoreSinkConfig config = new TablestoreSinkConfig(props);
        assertThat(config.tableNames().tableFor("test")).isEqualTo("test_kafka");
        assertThat(config.tableNames().tableFor("other")).isEqualTo("kafka_other");
        assertThat(config.flushIntervalMs()).isEqualTo(10000);
        assertThat(config.senderThreads()).isEqualTo(3);
        assertThat(config.primaryKeyMode()).isEqualTo(PrimaryKeyMode.KAFKA);
        TableMapping mapping = config.tableMapping("test_kafka");
        assertThat(mapping.columns()).extracting(ColumnSpec::name).containsExactly("A", "B");
        assertThat(mapping.columns()).extracting(ColumnSpec::type).containsExactly(ColumnType.STRING, ColumnType.INTEGER);
    }

    @Test
    void crossKeyProblemsAreReportedOnTheKeyAtFault() {
        Map<String, String> props = officialExample();
        props.put("delete.mode", "row");
        assertThat(errors(props)).containsKey("delete.mode");

        props = officialExample();
        props.put("primarykey.mode", "record_value");
        props.put("tablestore.test_kafka.primarykey.type", "string");
        assertThat(errors(props)).containsKey("tablestore.test_kafka.primarykey.type");

        props = officialExample();
        props.put("tablestore.test_kafka.columns.whitelist.type", "string");
        assertThat(errors(props).get("tablestore.test_kafka.columns.whitelist.type"))
                .anySatisfy(m -> assertThat(m).contains("one type per name"));

        props = officialExample();
        props.put("primarykey.mode", "jsonpath");
        props.put("tablestore.test_kafka.primarykey.jsonpath", "$.data.key,$.data[?(@.x ==)]");
        assertThat(errors(props).get("tablestore.test_kafka.primarykey.jsonpath"))
                .anySatisfy(m -> assertThat(m).contains("does not parse"));

        props = officialExample();
        props.put("runtime.error.mode", "kafka");
        props.put("runtime.error.topic.name", "");
        assertThat(errors(props)).containsKey("runtime.error.topic.name");

        props = officialExample();
        props.put("filter.pattern", "{\"data\":{\"value\":[{\"nope\":1}]}}");
        assertThat(errors(props)).containsKey("filter.pattern");

        props = officialExample();
        props.put("tablestore.access.key.id", "");
        assertThat(errors(props)).containsKey("tablestore.access.key.id");
    }

    @Test
    void singleKeyValidatorsNameTheAllowedValues() {
        Map<String, String> props = officialExample();
        props.put("insert.mode", "upsert");
        assertThat(errors(props).get("insert.mode")).anySatisfy(m -> assertThat(m).contains("put").contains("update"));
        props = officialExample();
        props.put("buffer.size", "1000");
        assertThat(errors(props).get("buffer.size")).anySatisfy(m -> assertThat(m).contains("power of two"));
        props = officialExample();
        props.put("batch.messages", "20000");
        assertThat(errors(props)).containsKey("batch.messages");
        props = officialExample();
        props.put("tablestore.endpoint", "ots.example.com");
        assertThat(errors(props).get("tablestore.endpoint")).anySatisfy(m -> assertThat(m).contains("https://"));
        props = officialExample();
        props.put("topics.assign.tables", "test:a,test:b");
        assertThat(errors(props).get("topics.assign.tables")).anySatisfy(m -> assertThat(m).contains("more than once"));
    }

    @Test
    void seedZeroBatchOptionsMapOntoTheWriter() {
        Map<String, String> props = officialExample();
        props.put("batch.messages", "100");
        props.put("batch.interval.seconds", "3");
        TablestoreSinkConfig config = new TablestoreSinkConfig(props);
        assertThat(config.batchMaxRows()).isEqualTo(100);
        assertThat(config.flushIntervalMs()).isEqualTo(3000);
        props.put("batch.messages", "5000");
        props.put("batch.interval.seconds", "0");
        config = new TablestoreSinkConfig(props);
        assertThat(config.batchMaxRows()).isEqualTo(200);
        assertThat(config.bufferSize()).isEqualTo(8192);
        assertThat(config.flushIntervalMs()).isLessThan(100);
    }

    @Test
    void retryPoliciesFollowSeedZero() {
        Map<String, String> props = officialExample();
        assertThat(new TablestoreSinkConfig(props).retryPolicy().kind()).isEqualTo(RetryPolicy.Kind.BACKOFF);
        assertThat(new TablestoreSinkConfig(props).retryPolicy().maxRetries()).isEqualTo(3);
        props.put("retry.policy", "EXPONENTIAL_DECAY_RETRY");
        assertThat(new TablestoreSinkConfig(props).retryPolicy().maxRetries()).isEqualTo(176);
        props.put("retry.policy", "none");
        assertThat(new TablestoreSinkConfig(props).retryPolicy().kind()).isEqualTo(RetryPolicy.Kind.NONE);
        props.put("retry.policy", "sometimes");
        assertThatThrownBy(() -> new TablestoreSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("retry.policy");
    }

    @Test
    void jsonPathListsKeepCommasInsideBrackets() {
        Map<String, String> props = Map.of(
                "tablestore.t.primarykey.name", "a,b",
                "tablestore.t.primarykey.type", "string,integer",
                "tablestore.t.primarykey.jsonpath", "$['data']['key'], $.data.value.list[0,1]");
        TableMapping mapping = TableMapping.from(props, "t");
        assertThat(mapping.primaryKey()).extracting(c -> c.path().expression())
                .containsExactly("$['data']['key']", "$.data.value.list[0,1]");
    }

    @Test
    void timeseriesKeysAreRead() {
        Map<String, String> props = Map.of(
                "tablestore.timeseries.ts.measurement", "<topic>",
                "tablestore.timeseries.ts.dataSource", "host",
                "tablestore.timeseries.ts.tags", "region,zone",
                "tablestore.timeseries.ts.time", "ts",
                "tablestore.timeseries.ts.time.unit", "SECONDS",
                "tablestore.timeseries.ts.field.name", "cpu,ok",
                "tablestore.timeseries.ts.field.type", "double,boolean");
        TimeseriesTableMapping mapping = TimeseriesTableMapping.from(props, "ts");
        assertThat(mapping.tags()).containsExactly("region", "zone");
        assertThat(mapping.fields()).extracting(ColumnSpec::type).containsExactly(ColumnType.DOUBLE, ColumnType.BOOLEAN);
        assertThatThrownBy(() -> TimeseriesTableMapping.from(Map.of("tablestore.timeseries.ts.measurement", "m"), "ts"))
                .hasMessageContaining("tablestore.timeseries.ts.time");
    }

    @Test
    void secretsArePasswords() {
        assertThat(TablestoreSinkConfig.configDef().configKeys().get("tablestore.access.key.secret").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
        assertThat(new TablestoreSinkConfig(officialExample()).toString()).doesNotContain("access.key.secret=xxx");
    }
}
