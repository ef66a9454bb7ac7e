package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.core.ResourceManager;
import com.alicloud.openservices.tablestore.core.auth.DefaultCredentialProvider;
import com.alicloud.openservices.tablestore.core.auth.DefaultCredentials;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.GetRowRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.SingleRowQueryCriteria;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sinkline.emulator.tablestore.http.AccessKeys;
import io.sinkline.emulator.tablestore.sts.StsEndpoint;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The STS endpoint and temporary keys, driven through the SDK (and a plain HTTPS call for AssumeRole). */
class StsTest {

    @Test
    void aTemporaryKeyFromAssumeRoleWritesAndReadsInStrictModeUntilItExpires() throws Exception {
        MovableClock clock = new MovableClock();
        try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder()
                .strict(true).sts(true).clock(clock).build())) {
            JsonObject answer = assumeRole(ots, ots.accessKeySecret(), "900");
            assertThat(answer.has("Code")).as("AssumeRole answered %s", answer).isFalse();
            JsonObject credentials = answer.getAsJsonObject("Credentials");
            String id = credentials.get("AccessKeyId").getAsString();
            String secret = credentials.get("AccessKeySecret").getAsString();
            String token = credentials.get("SecurityToken").getAsString();
            assertThat(Instant.parse(credentials.get("Expiration").getAsString()))
                    .isBetween(clock.instant().plusSeconds(890), clock.instant().plusSeconds(901));

            SyncClient temporary = client(ots, new DefaultCredentials(id, secret, token));
            try {
                EmulatorFixture.createTable(temporary, "sts_rows", 1);
                writeAndRead(temporary, "sts_rows", "a");
                assertThat(ots.requestsByAccessKey()).containsOnlyKeys(id);

                clock.advance(Duration.ofSeconds(901));
                assertAuthFailed(temporary, "expired");
            } finally {
                temporary.shutdown();
            }
        }
    }

    @Test
    void theTokenMustMatchAndUnknownTemporaryKeysAreRefusedInDefaultModeToo() {
        try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().build())) {
            AccessKeys.TemporaryKey key = ots.issueTemporaryKey(Duration.ofMinutes(15));
            SyncClient good = client(ots, new DefaultCredentials(key.id(), key.secret(), key.securityToken()));
            SyncClient wrongToken = client(ots, new DefaultCredentials(key.id(), key.secret(), "not-the-token"));
            SyncClient noToken = client(ots, new DefaultCredentials(key.id(), key.secret()));
            SyncClient unknown = client(ots, new DefaultCredentials("STS.unknown", key.secret(), key.securityToken()));
            try {
                EmulatorFixture.createTable(good, "default_mode", 1);
                // the SDK accepts the answer only if it is signed with the temporary secret it used
                writeAndRead(good, "default_mode", "b");
                assertAuthFailed(wrongToken, "security token");
                assertAuthFailed(noToken, "security token");
                assertAuthFailed(unknown, "does not exist");
            } finally {
                good.shutdown();
                wrongToken.shutdown();
                noToken.shutdown();
                unknown.shutdown();
            }
        }
    }

    @Test
    void assumeRoleRefusesAWrongSignatureAndABadDuration() throws Exception {
        try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().sts(true).build())) {
            assertThat(assumeRole(ots, "not-the-secret", "900").get("Code").getAsString()).isEqualTo("SignatureDoesNotMatch");
            assertThat(assumeRole(ots, ots.accessKeySecret(), "60").get("Code").getAsString())
                    .isEqualTo("InvalidParameter.DurationSeconds");
            // the JDK's own trust store does not know the bundled certificate: the handshake fails
            HttpClient untrusting = HttpClient.newHttpClient();
            assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(ots.stsEndpoint() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
            assertThat(ots.requestsByAccessKey()).isEmpty();
        }
    }

    private static void writeAndRead(SyncClient client, String table, String pk) {
        PrimaryKey key = PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.fromString(pk))
                .addPrimaryKeyColumn("seq", PrimaryKeyValue.fromLong(1)).build();
        RowPutChange put = new RowPutChange(table, key);
        put.addColumn("v", ColumnValue.fromString("written with a temporary key"));
        client.putRow(new PutRowRequest(put));
        SingleRowQueryCriteria criteria = new SingleRowQueryCriteria(table, key);
        criteria.setMaxVersions(1);
        Row row = client.getRow(new GetRowRequest(criteria)).getRow();
        assertThat(row.getLatestColumn("v").getValue().asString()).isEqualTo("written with a temporary key");
    }

    private static void assertAuthFailed(SyncClient client, String message) {
        assertThatThrownBy(client::listTable).isInstanceOfSatisfying(TableStoreException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo("OTSAuthFailed");
            assertThat(e.getHttpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private static SyncClient client(TablestoreEmulator ots, DefaultCredentials credentials) {
        var config = NoRetry.config();
        return new SyncClient(ots.endpoint(), new DefaultCredentialProvider(credentials), ots.instanceName(), config,
                new ResourceManager(config, null));
    }

    /** AssumeRole as an Aliyun RPC client calls it: GET, signature version 1.0 over the sorted parameters. */
    private static JsonObject assumeRole(TablestoreEmulator ots, String secret, String durationSeconds) throws Exception {
        Map<String, String> params = new TreeMap<>(Map.of("Action", "AssumeRole", "Version", "2015-04-01",
                "Format", "JSON", "RoleArn", "acs:ram::1234567890123456:role/sinkline-writer",
                "RoleSessionName", "sts-test", "DurationSeconds", durationSeconds, "AccessKeyId", ots.accessKeyId(),
                "SignatureMethod", "HMAC-SHA1", "SignatureVersion", "1.0", "SignatureNonce", UUID.randomUUID().toString()));
        String query = params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(
                mac.doFinal(("GET&%2F&" + encode(query)).getBytes(StandardCharsets.UTF_8)));
        HttpClient http = HttpClient.newBuilder().sslContext(StsEndpoint.clientSslContext()).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(ots.stsEndpoint() + "/?" + query + "&Signature=" + encode(signature))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
