package io.sinkline.emulator.maxcompute.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code Authorization: ODPS <ak>:<Base64(HmacSHA1(secret, canonical))>}, the V2 signature the SDK's
 * {@code AliyunRequestSigner} produces: method, content-type, content-md5, date and sorted {@code x-odps-*}
 * headers and params, then the decoded resource path with its sorted parameters. With a region the SDK signs V4
 * instead: {@code ODPS <ak>/<yyyyMMdd>/<region>/odps/aliyun_v4_request:<sig>}, the same canonical string signed
 * with a key derived from the secret, date and region. A temporary key (issued by the emulator's STS endpoint) is
 * accepted until it expires, with its security token in {@code authorization-sts-token}.
 */
public final class SignatureVerifier {

    private static final String PREFIX = "x-odps-";
    private static final String STS_TOKEN_HEADER = "authorization-sts-token";
    private static final String V4_SUFFIX = "_v4_request";

    private final AccessKeys keys;

    public SignatureVerifier(AccessKeys keys) {
        this.keys = keys;
    }

    /**
     * Throws the service's auth error unless the request is signed with the configured key. Always 403: with a 401
     * the JDK's HttpURLConnection swallows the error body of a streamed POST, and the SDK could not report it.
     */
    public void verify(ServiceRequest request) {
        String auth = request.header("Authorization");
        if (auth == null || !auth.startsWith("ODPS ")) {
            throw new OdpsError(403, "Unauthorized", "The request is not signed: Authorization header missing.");
        }
        String credential = auth.substring(5);
        int colon = credential.lastIndexOf(':');
        if (colon < 0) {
            throw new OdpsError(403, "Unauthorized", "Malformed Authorization header.");
        }
        String[] scope = credential.substring(0, colon).split("/");
        String signature = credential.substring(colon + 1);
        boolean v4 = scope.length == 5 && scope[3].equals("odps") && scope[4].endsWith(V4_SUFFIX);
        if (scope.length != 1 && !v4) {
            throw new OdpsError(403, "Unauthorized", "Malformed Authorization header.");
        }
        AccessKeys.AccessKey key = keys.find(scope[0]).orElseThrow(() -> new OdpsError(403, "InvalidAccessKeyId",
                "The AccessKeyId does not exist or has expired: " + scope[0]));
        if (key.temporary() && !key.securityToken().equals(request.header(STS_TOKEN_HEADER))) {
            throw new OdpsError(403, "InvalidSecurityToken", "The security token of " + key.id() + " is missing or wrong.");
        }
        byte[] signingKey = v4 ? v4SigningKey(key.secret(), scope[1], scope[2], scope[4]) : key.secret().getBytes(StandardCharsets.UTF_8);
        // HttpURLConnection may add a Content-Type the client did not sign; accept the signature without it too.
        String contentType = request.header("Content-Type");
        if (matches(signingKey, signature, canonical(request, contentType))
                || (contentType != null && matches(signingKey, signature, canonical(request, null)))) {
            return;
        }
        throw new OdpsError(403, "SignatureNotMatch", "The request signature does not match the AccessKeySecret.");
    }

    /** The V4 key: HmacSHA256 over date, region, "odps" and the request type, from "<corp>_v4" + secret. */
    private static byte[] v4SigningKey(String secret, String date, String region, String requestType) {
        String corporation = requestType.substring(0, requestType.length() - V4_SUFFIX.length());
        byte[] key = hmac("HmacSHA256", (corporation + "_v4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac("HmacSHA256", key, region);
        key = hmac("HmacSHA256", key, "odps");
        return hmac("HmacSHA256", key, requestType);
    }

    private static boolean matches(byte[] signingKey, String signature, String canonical) {
        String expected = Base64.getEncoder().encodeToString(hmac("HmacSHA1", signingKey, canonical));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.trim().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    private static String canonical(ServiceRequest request, String contentType) {
        StringBuilder b = new StringBuilder();
        b.append(request.method()).append('\n');
        TreeMap<String, String> signed = new TreeMap<>();
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String key = h.getKey().toLowerCase();
            if (key.startsWith(PREFIX) || key.equals("content-md5") || key.equals("date")) {
                signed.put(key, h.getValue());
            }
        }
        signed.put("content-type", contentType == null ? "" : contentType);
        signed.putIfAbsent("content-md5", "");
        for (Map.Entry<String, String> p : request.params().entrySet()) {
            if (p.getKey().startsWith(PREFIX)) {
                signed.put(p.getKey(), p.getValue());
            }
        }
        for (Map.Entry<String, String> e : signed.entrySet()) {
            if (e.getKey().startsWith(PREFIX)) {
                b.append(e.getKey()).append(':').append(e.getValue());
            } else {
                b.append(e.getValue());
            }
            b.append('\n');
        }
        b.append(request.path());
        char sep = '?';
        for (Map.Entry<String, String> p : new TreeMap<>(request.params()).entrySet()) {
            b.append(sep).append(p.getKey());
            if (!p.getValue().isEmpty()) {
                b.append('=').append(p.getValue());
            }
            sep = '&';
        }
        return b.toString();
    }
}
