package io.sinkline.emulator.maxcompute.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.account.StsAccount;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.sinkline.emulator.maxcompute.MaxComputeEmulator;
import io.sinkline.emulator.maxcompute.MaxComputeEmulatorOptions;

/**
 * The STS endpoint over HTTPS (trusting only its bundled certificate), and strict mode accepting the temporary key
 * it issues with its token. The connector's end-to-end test drives it with Aliyun's own credentials provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StsEndpointTest {

    private MaxComputeEmulator mc;
    private HttpClient https;

    @BeforeAll
    void start() throws Exception {
        mc = MaxComputeEmulator.start(MaxComputeEmulatorOptions.builder().strict(true).sts(true).build());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(StsEndpoint.trustStore())) {
            trust.load(in, StsEndpoint.STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(ssl).build();
    }

    @AfterAll
    void stop() {
        mc.close();
    }

    private Map<String, String> assumeRole(String accessKeyId, String duration) {
        Map<String, String> params = new TreeMap<>(Map.of("Action", "AssumeRole", "Format", "JSON",
                "Version", "2015-04-01", "AccessKeyId", accessKeyId, "RoleArn", "acs:ram::1234567890:role/writer",
                "RoleSessionName", "test", "DurationSeconds", duration, "SignatureMethod", "HMAC-SHA1",
                "SignatureVersion", "1.0", "SignatureNonce", Long.toString(System.nanoTime())));
        params.put("Timestamp", "2026-11-22T00:00:00Z");
        return params;
    }

    private HttpResponse<String> send(Map<String, String> params) throws Exception {
        String query = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return https.send(HttpRequest.newBuilder(URI.create("https://" + mc.stsEndpoint() + "/?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Odps odps(String id, String secret, String token) {
        Odps odps = new Odps(new StsAccount(id, secret, token, "cn-shanghai"));
        odps.setEndpoint(mc.endpoint());
        odps.setDefaultProject(mc.project());
        return odps;
    }

    @Test
    void aSignedAssumeRoleGivesATemporaryKeyThatStrictModeAcceptsWithItsTokenOnly() throws Exception {
        Map<String, String> params = assumeRole(mc.accessKeyId(), "900");
        params.put("Signature", StsEndpoint.signature("GET", params, mc.accessKeySecret()));

        HttpResponse<String> response = send(params);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject credentials = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("Credentials");
        String id = credentials.get("AccessKeyId").getAsString();
        String secret = credentials.get("AccessKeySecret").getAsString();
        assertThat(id).startsWith("STS.");
        assertThat(credentials.get("Expiration").getAsString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(mc.stsKeysIssued()).isPositive();

        assertThat(odps(id, secret, credentials.get("SecurityToken").getAsString()).tables().exists("nothing")).isFalse();
        assertThatThrownBy(() -> odps(id, secret, "not-the-token").tables().exists("nothing"))
                .isInstanceOf(OdpsException.class).hasMessageContaining("security token of " + id + " is missing or wrong");
    }

    @Test
    void aWrongSignatureAnUnknownKeyOrAnInvalidDurationIsRefused() throws Exception {
        Map<String, String> wrongSignature = assumeRole(mc.accessKeyId(), "900");
        wrongSignature.put("Signature", StsEndpoint.signature("GET", wrongSignature, "not-the-secret"));
        HttpResponse<String> refused = send(wrongSignature);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("SignatureDoesNotMatch");

        Map<String, String> unknownKey = assumeRole("LTAI-unknown", "900");
        unknownKey.put("Signature", StsEndpoint.signature("GET", unknownKey, mc.accessKeySecret()));
        assertThat(send(unknownKey).statusCode()).isEqualTo(404);

        Map<String, String> tooShort = assumeRole(mc.accessKeyId(), "60");
        tooShort.put("Signature", StsEndpoint.signature("GET", tooShort, mc.accessKeySecret()));
        HttpResponse<String> shortAnswer = send(tooShort);
        assertThat(shortAnswer.statusCode()).isEqualTo(400);
        assertThat(shortAnswer.body()).contains("InvalidParameter.DurationSeconds");
    }
}
