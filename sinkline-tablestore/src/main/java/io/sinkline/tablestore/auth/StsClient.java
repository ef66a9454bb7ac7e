package io.sinkline.tablestore.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The one STS call the sink needs: AssumeRole over Alibaba Cloud's RPC API (signature version 1.0). */
public final class StsClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String endpoint;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final Duration timeout;
    private final HttpClient http;

    public StsClient(String endpoint, String accessKeyId, String accessKeySecret, Duration timeout) {
        this.endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public record Credentials(String accessKeyId, String accessKeySecret, String securityToken, Instant expiration) {
        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
        }
    }

    public Credentials assumeRole(String roleArn, String sessionName, Duration lifetime) {
        Map<String, String> params = new TreeMap<>();
        params.put("Action", "AssumeRole");
        params.put("Version", "2015-04-01");
        params.put("Format", "JSON");
        params.put("RoleArn", roleArn);
        params.put("RoleSessionName", sessionName);
        params.put("DurationSeconds", Long.toString(lifetime.toSeconds()));
        params.put("AccessKeyId", accessKeyId);
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        String query = canonicalQuery(params);
        String signature = sign("GET&" + encode("/") + "&" + encode(query));
        URI uri = URI.create(endpoint + "?" + query + "&Signature=" + encode(signature));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = MAPPER.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("STS answered " + response.statusCode() + ": "
                        + body.path("Code").asText("") + " " + body.path("Message").asText(""));
            }
            JsonNode credentials = body.path("Credentials");
            String id = credentials.path("AccessKeyId").asText(null);
            String secret = credentials.path("AccessKeySecret").asText(null);
            String token = credentials.path("SecurityToken").asText(null);
            String expiration = credentials.path("Expiration").asText(null);
            if (id == null || secret == null || token == null || expiration == null) {
                throw new IllegalStateException("STS answered without complete credentials");
            }
            return new Credentials(id, secret, token, Instant.parse(expiration));
        } catch (IOException e) {
            throw new IllegalStateException("STS could not be reached at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling STS", e);
        }
    }

    static String canonicalQuery(Map<String, String> sorted) {
        StringJoiner joiner = new StringJoiner("&");
        sorted.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
        return joiner.toString();
    }

    String sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986 percent-encoding as the RPC signature requires. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
