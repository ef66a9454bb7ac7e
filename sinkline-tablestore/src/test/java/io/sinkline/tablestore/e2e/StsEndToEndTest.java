package io.sinkline.tablestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.Row;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;
import io.sinkline.emulator.tablestore.sts.StsEndpoint;
import io.sinkline.testing.Await;
import io.sinkline.testing.KafkaConnectHarness;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tablestore.auth.mode=sts} end to end: the emulator checks every signature (strict) and runs
 * its STS AssumeRole endpoint (HTTPS). The connector has no Tablestore AccessKey, only the one that
 * calls AssumeRole; every data request must be made with the temporary key and its token.
 *
 * <p>The emulator's clock runs {@link #CLOCK_BEHIND} behind, so the 900 s keys it issues expire
 * 185 s from now on the connector's clock: the connector renews them 5 s after each AssumeRole
 * (when a fifth of the lifetime is left), while the old key is still valid.
 *
 * <p>The connector's STS client uses the JVM's default TLS context, so this class makes the
 * emulator's certificate the trusted one while it runs (the Connect worker runs in this JVM) and
 * restores the previous default after.
 */
class StsEndToEndTest extends EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(45);
    /** Every action that writes or creates data. */
    private static final Set<String> WRITES = Set.of("PutRow", "UpdateRow", "DeleteRow", "BatchWriteRow", "BulkImport",
            "CreateTable", "UpdateTable", "DeleteTable");

    private static final int SESSION_SECONDS = 900;
    private static final Duration CLOCK_BEHIND = Duration.ofSeconds(SESSION_SECONDS - SESSION_SECONDS / 5 - 5);

    private SSLContext previousDefault;

    @Override
    protected SinkStack startStack() throws NoSuchAlgorithmException {
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(StsEndpoint.clientSslContext());
        return SinkStack.start(TablestoreEmulatorOptions.builder().strict(true).sts(true)
                        .clock(Clock.offset(Clock.systemUTC(), CLOCK_BEHIND.negated())),
                KafkaConnectHarness.builder().workers(1));
    }

    /** Closes the stack first (its worker may still call STS), then restores the previous TLS default. */
    @Override
    @AfterAll
    void stopTheStack() {
        super.stopTheStack();
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
    }

    @Test
    void theConnectorAssumesTheRoleWritesWithTemporaryCredentialsOnlyAndRenewsThemBeforeExpiry() {
        kafka.createTopic("sts_orders", 2);
        for (int i = 0; i < 20; i++) {
            producing.send("sts_orders", i % 2, "k" + i, "{\"id\":" + i + ",\"name\":\"n" + i + "\"}");
        }
        producing.flush();
        Map<String, String> config = stsConfig("sts_orders");
        kafka.deployConnector("sts", config);

        tables.awaitRows("sts_orders", 20, WAIT);
        // keep writing until a second temporary key has written too (the first is renewed after 5 s)
        AtomicInteger sent = new AtomicInteger(20);
        Await.until("a renewed temporary key writes", WAIT, () -> {
            int i = sent.getAndIncrement();
            producing.send("sts_orders", i % 2, "k" + i, "{\"id\":" + i + ",\"name\":\"n" + i + "\"}");
            producing.flush();
            return temporaryKeysThatWrote().size() >= 2;
        });
        List<Row> rows = tables.awaitRows("sts_orders", sent.get(), WAIT);
        assertThat(rows).hasSize(sent.get());
        assertThat(rows.stream().map(r -> Tables.columns(r).get("name")).collect(Collectors.toSet()))
                .hasSize(sent.get()).contains("n0", "n" + (sent.get() - 1));

        Map<String, Map<String, Long>> byKey = ots.requestsByAccessKey();
        Map<String, Long> permanent = byKey.getOrDefault(ots.accessKeyId(), Map.of());
        assertThat(permanent.keySet()).as("actions of the long-term key (the test's reader only)")
                .doesNotContainAnyElementsOf(WRITES);
        Map<String, Map<String, Long>> temporary = byKey.entrySet().stream()
                .filter(e -> !e.getKey().equals(ots.accessKeyId()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(temporary.keySet()).as("every other key was issued by the STS endpoint")
                .isNotEmpty().allMatch(ots::isTemporaryKey);
        assertThat(temporary.values().stream().flatMap(actions -> actions.keySet().stream()))
                .as("actions made with temporary keys").contains("CreateTable").containsAnyElementsOf(WRITES);
        kafka.deleteConnector("sts");
    }

    /** The temporary keys that made write requests (the emulator refuses expired ones). */
    private Set<String> temporaryKeysThatWrote() {
        return ots.requestsByAccessKey().entrySet().stream()
                .filter(e -> ots.isTemporaryKey(e.getKey()))
                .filter(e -> e.getValue().keySet().stream().anyMatch(WRITES::contains))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    @Test
    void aRoleThatCannotBeAssumedFailsTheTaskWithTheStsError() {
        kafka.createTopic("sts_refused", 1);
        producing.send("sts_refused", 0, "k", "{\"id\":1}");
        producing.flush();
        Map<String, String> config = stsConfig("sts_refused");
        config.put("sts.access.key.secret", "not-the-secret");
        kafka.deployConnector("sts-refused", config);

        String trace = kafka.awaitTaskFailed("sts-refused", WAIT);
        assertThat(trace).contains("STS AssumeRole").contains("SignatureDoesNotMatch");
        assertThat(tables.rows("sts_refused")).isEmpty();
        kafka.deleteConnector("sts-refused");
    }

    /** The connector's config with STS auth and no Tablestore AccessKey of its own. */
    private Map<String, String> stsConfig(String topic) {
        Map<String, String> config = tables.connectorConfig(topic);
        config.remove("tablestore.access.key.id");
        config.remove("tablestore.access.key.secret");
        config.put("tablestore.auth.mode", "sts");
        config.put("region", "cn-hangzhou");
        config.put("account.id", "1234567890123456");
        config.put("role.name", "sinkline-writer");
        config.put("sts.endpoint", ots.stsEndpoint());
        config.put("sts.access.key.id", ots.accessKeyId());
        config.put("sts.access.key.secret", ots.accessKeySecret());
        config.put("sts.session.duration.seconds", Integer.toString(SESSION_SECONDS));
        config.put("primarykey.mode", "record_value");
        config.put("tablestore." + topic + ".primarykey.name", "id");
        config.put("tablestore." + topic + ".primarykey.type", "integer");
        return config;
    }
}
