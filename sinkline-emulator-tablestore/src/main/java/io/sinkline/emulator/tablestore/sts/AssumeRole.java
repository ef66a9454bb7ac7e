package io.sinkline.emulator.tablestore.sts;

import io.sinkline.emulator.tablestore.http.AccessKeys;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * STS {@code AssumeRole} (RPC style, version 2015-04-01, JSON): the caller signs with one of the
 * emulator's permanent AccessKeys (signature version 1.0: HmacSHA1 with key {@code secret + "&"}
 * over {@code METHOD&%2F&encode(sorted, percent-encoded parameters)}); the answer is a temporary
 * AccessKey, secret and security token valid for {@code DurationSeconds} (900 to 43200, default 3600).
 */
final class AssumeRole {
    private static final Pattern ROLE_ARN = Pattern.compile("acs:ram::\\d+:role/[\\w.@-]+");
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** An HTTP status and a JSON body. */
    record Answer(int status, String json) {
    }

    private final AccessKeys keys;

    AssumeRole(AccessKeys keys) {
        this.keys = keys;
    }

    /** Answers one call; {@code params} are sorted by name and already decoded. */
    Answer answer(String method, Map<String, String> params) {
        String requestId = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        if (!"AssumeRole".equals(params.get("Action"))) {
            return error(400, requestId, "InvalidAction.NotFound", "Specified api is not found: " + params.get("Action"));
        }
        String secret = keys.permanentSecret(params.get("AccessKeyId"));
        if (secret == null) {
            return error(404, requestId, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        if (!same(signature(method, params, secret), params.get("Signature"))) {
            return error(400, requestId, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
        }
        String roleArn = params.getOrDefault("RoleArn", "");
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            return error(400, requestId, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.");
        }
        long seconds;
        try {
            seconds = Long.parseLong(params.getOrDefault("DurationSeconds", "3600"));
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 900 || seconds > 43200) {
            return error(400, requestId, "InvalidParameter.DurationSeconds", "The Min/Max value of DurationSeconds is 15min/12hr.");
        }
        AccessKeys.TemporaryKey key = keys.issue(Duration.ofSeconds(seconds));
        String session = params.getOrDefault("RoleSessionName", "session");
        String json = "{\"RequestId\":" + quote(requestId)
                + ",\"AssumedRoleUser\":{\"Arn\":" + quote(roleArn.replace(":role/", ":assumed-role/") + "/" + session)
                + ",\"AssumedRoleId\":" + quote(key.id() + ":" + session) + "}"
                + ",\"Credentials\":{\"AccessKeyId\":" + quote(key.id())
                + ",\"AccessKeySecret\":" + quote(key.secret())
                + ",\"SecurityToken\":" + quote(key.securityToken())
                + ",\"Expiration\":" + quote(EXPIRATION.format(key.expires())) + "}}";
        return new Answer(200, json);
    }

    private static Answer error(int status, String requestId, String code, String message) {
        return new Answer(status, "{\"RequestId\":" + quote(requestId) + ",\"Code\":" + quote(code)
                + ",\"Message\":" + quote(message) + "}");
    }

    private static String signature(String method, Map<String, String> sortedParams, String secret) {
        StringBuilder query = new StringBuilder();
        sortedParams.forEach((key, value) -> {
            if (!key.equals("Signature")) {
                query.append(query.isEmpty() ? "" : "&").append(encode(key)).append('=').append(encode(value));
            }
        });
        String toSign = method + "&" + encode("/") + "&" + encode(query.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    private static boolean same(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 3986 percent-encoding, as the RPC signature requires. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** A JSON string literal (the session name and ARN come from the caller). */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
