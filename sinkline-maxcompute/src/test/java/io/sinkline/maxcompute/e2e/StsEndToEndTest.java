package io.sinkline.maxcompute.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.sinkline.emulator.maxcompute.sts.StsEndpoint;

/**
 * {@code account_type=STS} end to end: the emulator checks every signature (strict) and runs an STS AssumeRole
 * endpoint; the connector's AccessKey assumes the role there (HTTPS, through Aliyun's credentials provider), and
 * every request to MaxCompute is signed with the temporary key and carries its security token.
 *
 * <p>The provider trusts only the JVM's default trust store, so this class points {@code javax.net.ssl.trustStore}
 * at the emulator's certificate while it runs (the Connect worker runs in this JVM) and restores it after.
 */
class StsEndToEndTest extends EndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> TRUST_PROPERTIES =
            List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType");

    private final Map<String, String> savedTrust = new HashMap<>();

    @Override
    protected EndToEndStack startStack() {
        TRUST_PROPERTIES.forEach(key -> savedTrust.put(key, System.getProperty(key)));
        System.setProperty("javax.net.ssl.trustStore", StsEndpoint.trustStore().toString());
        System.setProperty("javax.net.ssl.trustStorePassword", StsEndpoint.STORE_PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        return EndToEndStack.start(emulator -> emulator.strict(true).sts(true), UnaryOperator.identity());
    }

    @AfterAll
    void restoreTrustStore() {
        savedTrust.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void theConnectorAssumesTheRoleAndWritesWithTemporaryCredentials() {
        mc.sql("CREATE TABLE IF NOT EXISTS sts_text(topic STRING, `partition` BIGINT, `offset` BIGINT, key STRING,"
                + " value STRING) PARTITIONED BY (pt STRING);");
        kafka.createTopic("sts_text", 1);
        for (int i = 0; i < 3; i++) {
            kafka.producer().send("sts_text", "k" + i, "v" + i);
        }
        kafka.producer().flush();
        Map<String, String> config = mc.connectorConfig("sts_text", "sts_text");
        config.put("account_type", "STS");
        config.put("account_id", "1234567890123456");
        config.put("region_id", "cn-shanghai");
        config.put("role_name", "sinkline-writer");
        config.put("sts.endpoint", mc.mc.stsEndpoint());
        kafka.deployConnector("sts_text", config);

        mc.awaitCount("sts_text", 3, TIMEOUT, () -> stack.status("sts_text"));
        assertThat(mc.rows("SELECT value FROM sts_text ORDER BY `offset`;"))
                .containsExactly(List.of("v0"), List.of("v1"), List.of("v2"));
        assertThat(mc.mc.stsKeysIssued()).as("temporary keys issued by the STS endpoint").isPositive();
        kafka.deleteConnector("sts_text");
    }
}
