package io.sinkline.maxcompute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import io.sinkline.maxcompute.config.CrossKeyValidation;
import io.sinkline.maxcompute.config.MaxComputeSinkConfig;

/**
 * Kafka Connect sink into MaxCompute tables through batch or streaming Tunnel (seeds 002, 003).
 * Accepts the official connector's configuration keys as written. Not final: the official class name
 * ({@code com.aliyun.odps.kafka.connect.MaxComputeSinkConnector}) is an alias that extends it.
 */
public class MaxComputeSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new MaxComputeSinkConfig(props); // fail fast on a bad value
        this.props = new HashMap<>(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MaxComputeSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(MaxComputeSinkTask.TASK_ID, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return MaxComputeSinkConfig.CONFIG_DEF;
    }

    /** Per-key checks plus the combinations of keys, each reported on the key to change. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            byName.put(value.name(), value);
        }
        CrossKeyValidation.check(byName);
        return config;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
