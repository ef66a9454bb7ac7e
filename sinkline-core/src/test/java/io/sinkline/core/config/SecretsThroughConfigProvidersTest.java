package io.sinkline.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigTransformerResult;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way a Connect worker treats a connector's secret: {@code ${file:path:key}} is resolved by the
 * worker's FileConfigProvider (the same ConfigTransformer the worker uses), the PASSWORD key holds
 * the real value, and neither the config's toString nor the documentation nor validation shows it.
 */
class SecretsThroughConfigProvidersTest {

    private static final String SECRET = "LTAI-very-secret-9f8e7d";

    private final ConfigDef def = new ConfigDef()
            .define("access_id", Type.STRING, Importance.HIGH, "The AccessKey id.")
            .define("access_key", Type.PASSWORD, Importance.HIGH, "The AccessKey secret.");

    @Test
    void aPasswordKeyResolvedFromAFileIsUsableAndMaskedEverywhere(@TempDir Path dir) throws Exception {
        Path secrets = dir.resolve("aliyun.properties");
        Files.writeString(secrets, "secret=" + SECRET + "\n");
        Map<String, String> connectorConfig = Map.of(
                "access_id", "LTAI-id",
                "access_key", "${file:" + secrets + ":secret}");

        Map<String, String> resolved = resolveLikeTheWorker(connectorConfig);
        AbstractConfig config = new AbstractConfig(def, resolved, false);

        Password password = config.getPassword("access_key");
        assertThat(password.value()).isEqualTo(SECRET);
        assertThat(password).hasToString("[hidden]");
        assertThat(config.toString()).doesNotContain(SECRET);
        assertThat(config.values().toString()).doesNotContain(SECRET);
        assertThat(ConfigDocs.markdown(def)).doesNotContain(SECRET);

        ConfigValue validated = def.validate(resolved).stream()
                .filter(v -> v.name().equals("access_key")).findFirst().orElseThrow();
        assertThat(validated.errorMessages()).isEmpty();
        assertThat(validated.value()).isInstanceOf(Password.class).hasToString("[hidden]");
    }

    @Test
    void theUnresolvedReferenceIsWhatConnectStoresAndShows() {
        // Connect keeps the ${file:...} text in its config topic and REST output; the secret never leaves the file.
        String reference = "${file:/etc/kafka/aliyun.properties:secret}";
        AbstractConfig config = new AbstractConfig(def, Map.of("access_id", "x", "access_key", reference), false);
        assertThat(config.getPassword("access_key").value()).isEqualTo(reference);
    }

    private static Map<String, String> resolveLikeTheWorker(Map<String, String> connectorConfig) {
        FileConfigProvider file = new FileConfigProvider();
        file.configure(new HashMap<>());
        Map<String, ConfigProvider> providers = Map.of("file", file);
        ConfigTransformerResult result = new ConfigTransformer(providers).transform(connectorConfig);
        return result.data();
    }
}
