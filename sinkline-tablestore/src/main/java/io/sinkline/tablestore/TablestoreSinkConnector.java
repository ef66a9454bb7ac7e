package io.sinkline.tablestore;

import io.sinkline.tablestore.config.SinkConfigValidator;
import io.sinkline.tablestore.config.TablestoreSinkConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink into Tablestore data tables and time-series tables. Accepts the official
 * connector's configuration keys as written (see docs/configuration.md).
 */
public class TablestoreSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new TablestoreSinkConfig(props); // fail fast on a bad configuration
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TablestoreSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(TablestoreSinkTask.TASK_ID, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return TablestoreSinkConfig.configDef();
    }

    /** Per-key checks by ConfigDef, then the cross-key checks, each reported on the key at fault. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            byName.put(value.name(), value);
        }
        List<ConfigValue> values = new ArrayList<>(config.configValues());
        SinkConfigValidator.validate(connectorConfigs).forEach((key, messages) -> {
            ConfigValue value = byName.get(key);
            if (value == null) {
                value = new ConfigValue(key, connectorConfigs.get(key), List.of(), new ArrayList<>());
                byName.put(key, value);
                values.add(value);
            }
            messages.forEach(value::addErrorMessage);
        });
        return new Config(values);
    }
}
