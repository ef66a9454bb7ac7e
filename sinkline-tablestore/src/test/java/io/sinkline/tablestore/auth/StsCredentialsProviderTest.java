package io.sinkline.tablestore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.core.auth.ServiceCredentials;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AssumeRole against a local fake STS: signed requests, refresh before expiry, errors never become null credentials. */
class StsCredentialsProviderTest {
    private HttpServer sts;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger status = new AtomicInteger(200);
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        sts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sts.createContext("/", exchange -> {
            Map<String, String> params = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            requests.add(params);
            int n = calls.incrementAndGet();
            String body = status.get() == 200
                    ? "{\"Credentials\":{\"AccessKeyId\":\"STS.id" + n + "\",\"AccessKeySecret\":\"secret" + n
                    + "\",\"SecurityToken\":\"token" + n + "\",\"Expiration\":\"" + now.get().plusSeconds(3600) + "\"}}"
                    : "{\"Code\":\"NoPermission\",\"Message\":\"not allowed\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        sts.start();
    }

    @AfterEach
    void stop() {
        sts.stop(0);
    }

    private StsCredentialsProvider provider() {
        StsClient client = new StsClient("http://127.0.0.1:" + sts.getAddress().getPort(), "caller", "caller-secret",
                Duration.ofSeconds(5));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return new StsCredentialsProvider(client, "acs:ram::123:role/writer", "sinkline", Duration.ofHours(1), clock);
    }

    @Test
    void assumesTheRoleWithASignedRequestAndCachesTheCredentials() {
        StsCredentialsProvider provider = provider();
        ServiceCredentials first = provider.getCredentials();
        assertThat(first.getAccessKeyId()).isEqualTo("STS.id1");
        assertThat(first.getSecurityToken()).isEqualTo("token1");
        assertThat(provider.getCredentials().getAccessKeyId()).isEqualTo("STS.id1");
        assertThat(calls).hasValue(1);
        Map<String, String> request = requests.get(0);
        assertThat(request).containsEntry("Action", "AssumeRole").containsEntry("RoleArn", "acs:ram::123:role/writer")
                .containsEntry("AccessKeyId", "caller").containsEntry("DurationSeconds", "3600")
                .containsKeys("Signature", "SignatureNonce", "Timestamp");
    }

    @Test
    void refreshesBeforeExpiry() {
        StsCredentialsProvider provider = provider();
        provider.getCredentials();
        now.set(now.get().plus(Duration.ofMinutes(50)));
        assertThat(provider.getCredentials().getAccessKeyId()).isEqualTo("STS.id1");
        now.set(now.get().plus(Duration.ofMinutes(6))); // 4 minutes left: inside the refresh margin
        assertThat(provider.getCredentials().getAccessKeyId()).isEqualTo("STS.id2");
    }

    @Test
    void aFailedAssumeRoleIsAnErrorNeverNullCredentials() {
        status.set(403);
        assertThatThrownBy(() -> provider().getCredentials()).isInstanceOf(ConnectException.class)
                .hasMessageContaining("NoPermission");
    }

    @Test
    void aFailedRefreshKeepsStillValidCredentialsThenFails() {
        StsCredentialsProvider provider = provider();
        provider.getCredentials();
        status.set(500);
        now.set(now.get().plus(Duration.ofMinutes(57)));
        assertThat(provider.getCredentials().getAccessKeyId()).isEqualTo("STS.id1");
        now.set(now.get().plus(Duration.ofMinutes(4)));
        assertThatThrownBy(provider::getCredentials).isInstanceOf(ConnectException.class);
    }

    @Test
    void signatureFollowsTheRpcScheme() {
        StsClient client = new StsClient("http://sts", "id", "testsecret", Duration.ofSeconds(1));
        // HMAC-SHA1 keyed with the secret plus '&', Base64; the expected value computed independently (Python hmac).
        assertThat(client.sign("GET&%2F&AccessKeyId%3Dtestid")).isEqualTo("bxxHL7sUeRYUwccn2WO6V9ZLzrU=");
        assertThat(StsClient.encode("a b*~")).isEqualTo("a%20b%2A~");
        assertThat(StsClient.canonicalQuery(new java.util.TreeMap<>(Map.of("b", "2", "a", "1 1")))).isEqualTo("a=1%201&b=2");
    }
}
