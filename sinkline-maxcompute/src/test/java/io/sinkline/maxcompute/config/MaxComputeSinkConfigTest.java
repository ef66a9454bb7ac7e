package io.sinkline.maxcompute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.sinkline.maxcompute.MaxComputeSinkConnector;

class MaxComputeSinkConfigTest {

    /** Seed 003's "Create and start a sink task" JSON, values as Connect hands them over (strings). */
    static Map<String, String> seedExample() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "com.aliyun.odps.kafka.connect.MaxComputeSinkConnector");
        config.put("tasks.max", "3");
        config.put("topics", "topic_text");
        config.put("endpoint", "http://service.cn-shanghai.maxcompute.aliyun.com/api");
        config.put("tunnel_endpoint", "http://dt.cn-shanghai.maxcompute.aliyun.com");
        config.put("project", "project_name");
        config.put("schema", "default");
        config.put("table", "table_text");
        config.put("account_type", "ALIYUN");
        config.put("access_id", "<yourAccessKeyId>");
        config.put("access_key", "<yourAccessKeySecret>");
        config.put("format", "TEXT");
        config.put("mode", "VALUE");
        config.put("partition_window_type", "MINUTE");
        config.put("use_streaming", "false");
        config.put("buffer_size_kb", "65536");
        config.put("sink_pool_size", "150");
        config.put("record_batch_size", "8000");
        config.put("skip_error", "false");
        return config;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Config result = new MaxComputeSinkConnector().validate(config);
        return result.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void seedExampleIsAcceptedAsWritten() {
        MaxComputeSinkConfig config = new MaxComputeSinkConfig(seedExample());

        assertThat(errors(seedExample())).isEmpty();
        assertThat(config.format()).isEqualTo(RecordFormat.TEXT);
        assertThat(config.mode()).isEqualTo(RecordMode.VALUE);
        assertThat(config.partitionWindow()).isEqualTo(PartitionWindow.MINUTE);
        assertThat(config.sinkPoolSize()).isEqualTo(150);
        assertThat(config.recordBatchSize()).isEqualTo(8000);
        assertThat(config.bufferSizeBytes()).isEqualTo(65536L * 1024);
        assertThat(config.accessKey().value()).isEqualTo("<yourAccessKeySecret>");
        assertThat(config.accessKey().toString()).doesNotContain("yourAccessKeySecret");
    }

    @Test
    void defaultsAreTheSeeds() {
        Map<String, String> minimal = Map.of("endpoint", "http://e/api", "project", "p", "table", "t",
                "access_id", "id", "access_key", "secret");
        MaxComputeSinkConfig config = new MaxComputeSinkConfig(minimal);

        assertThat(config.format()).isEqualTo(RecordFormat.TEXT);
        assertThat(config.mode()).isEqualTo(RecordMode.DEFAULT);
        assertThat(config.partitionWindow()).isEqualTo(PartitionWindow.HOUR);
        assertThat(config.timeZone()).isEqualTo(ZoneId.of("GMT+08:00"));
        assertThat(config.partitionTimeSource()).isEqualTo(PartitionTimeSource.RECORD_TIME);
        assertThat(config.recordBatchSize()).isEqualTo(8000);
        assertThat(config.useStreaming()).isFalse();
        assertThat(config.skipError()).isFalse();
        assertThat(config.schema()).isEqualTo("default");
    }

    @Test
    void enumsAreCaseInsensitiveAndSeed002TimeZoneSpellingWorks() {
        Map<String, String> config = seedExample();
        config.put("format", "flatten");
        config.put("partition_window_type", "day");
        config.put("time_zone", "GMT 08:00");

        MaxComputeSinkConfig parsed = new MaxComputeSinkConfig(config);

        assertThat(parsed.format()).isEqualTo(RecordFormat.FLATTEN);
        assertThat(parsed.partitionWindow()).isEqualTo(PartitionWindow.DAY);
        assertThat(parsed.timeZone()).isEqualTo(ZoneId.of("GMT+08:00"));
    }

    @Test
    void badValuesNameTheKey() {
        Map<String, String> config = seedExample();
        config.put("format", "XML");
        config.put("time_zone", "Mars/Olympus");
        config.put("record_batch_size", "0");

        assertThat(errors(config)).containsOnlyKeys("format", "time_zone", "record_batch_size");
        assertThatThrownBy(() -> new MaxComputeSinkConfig(config)).isInstanceOf(ConfigException.class);
    }

    @Test
    void defaultModeIsRefusedForCsvAndFlattenOnTheModeKey() {
        Map<String, String> config = seedExample();
        config.put("format", "CSV");
        config.put("mode", "DEFAULT");

        assertThat(errors(config)).containsOnlyKeys("mode");
        assertThat(errors(config).get("mode").get(0)).contains("use mode VALUE or KEY");
    }

    @Test
    void credentialsAndStsKeysAreRequiredByTheAccountType() {
        Map<String, String> aliyun = seedExample();
        aliyun.remove("access_key");
        assertThat(errors(aliyun)).containsOnlyKeys("access_key");

        Map<String, String> sts = seedExample();
        sts.put("account_type", "STS");
        assertThat(errors(sts)).containsOnlyKeys("account_id", "region_id", "role_name", "sts.endpoint");
    }

    @Test
    void errorTopicNeedsItsBootstrapServersAndSchemesAreDropped() {
        Map<String, String> config = seedExample();
        config.put("runtime.error.topic.name", "runtime_error");
        assertThat(errors(config)).containsOnlyKeys("runtime.error.topic.bootstrap.servers");

        config.put("runtime.error.topic.bootstrap.servers", "http://broker-1:9092,broker-2:9092");
        assertThat(errors(config)).isEmpty();
        assertThat(new MaxComputeSinkConfig(config).errorTopicBootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
    }

    @Test
    void everyKeyIsDocumentedWithAGroup() {
        for (ConfigDef.ConfigKey key : MaxComputeSinkConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
        }
        assertThat(MaxComputeSinkConfig.CONFIG_DEF.configKeys().get("access_key").type).isEqualTo(ConfigDef.Type.PASSWORD);
    }
}
