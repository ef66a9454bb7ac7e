package io.sinkline.tablestore.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.sinkline.tablestore.config.TablestoreSinkConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriterSettingsTest {

    @Test
    void rowsOfOneKeyAreHeldBackOnlyWhenOrderIsAskedForAndKeysCanRepeat() {
        assertThat(WriterSettings.from(config("record_key", "true")).keepOrder()).isTrue();
        assertThat(WriterSettings.from(config("record_value", "true")).keepOrder()).isTrue();
        assertThat(WriterSettings.from(config("record_key", "false")).keepOrder()).isFalse();
        assertThat(WriterSettings.from(config("kafka", "true")).keepOrder())
                .as("kafka keys repeat only for the same record delivered twice").isFalse();
    }

    private static TablestoreSinkConfig config(String primaryKeyMode, String insertOrder) {
        Map<String, String> props = new HashMap<>();
        props.put("topics", "t");
        props.put("tablestore.endpoint", "http://127.0.0.1:1");
        props.put("tablestore.instance.name", "i");
        props.put("tablestore.access.key.id", "id");
        props.put("tablestore.access.key.secret", "secret");
        props.put("primarykey.mode", primaryKeyMode);
        props.put("tablestore.t.primarykey.name", "id");
        props.put("tablestore.t.primarykey.type", "string");
        props.put("insert.order.enable", insertOrder);
        return new TablestoreSinkConfig(props);
    }
}
