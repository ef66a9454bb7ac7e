package io.sinkline.maxcompute.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sinkline.maxcompute.config.MaxComputeSinkConfig;

class ErrorPolicyFactoryTest {

    @Test
    void errorProducerTakesPrefixedSettingsAndTheBootstrapServers() {
        Map<String, String> props = new HashMap<>();
        props.put("endpoint", "http://127.0.0.1:1/api");
        props.put("project", "p");
        props.put("table", "t");
        props.put("access_id", "id");
        props.put("access_key", "secret");
        props.put("runtime.error.topic.name", "errors");
        props.put("runtime.error.topic.bootstrap.servers", "http://broker:9092");
        props.put("runtime.error.topic.producer.security.protocol", "SASL_SSL");
        props.put("runtime.error.topic.producer.request.timeout.ms", "5000");

        Map<String, Object> producer = ErrorPolicyFactory.errorProducerConfig(new MaxComputeSinkConfig(props));

        assertThat(producer).containsOnly(
                Map.entry("bootstrap.servers", "broker:9092"),
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("request.timeout.ms", "5000"));
    }
}
