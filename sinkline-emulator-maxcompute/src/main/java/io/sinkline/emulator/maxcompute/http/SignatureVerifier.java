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
 * headers and params, then the decoded resource path with its sorted parameters.
 */
public final class SignatureVerifier {

    private static final String PREFIX = "x-odps-";

    private final String accessKeyId;
    private final byte[] secret;

    public SignatureVerifier(String accessKeyId, String accessKeySecret) {
        this.accessKeyId = accessKeyId;
        this.secret = accessKeySecret.getBytes(StandardCharsets.UTF_8);
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
        String ak = credential.substring(0, colon);
        String signature = credential.substring(colon + 1);
        if (!ak.equals(accessKeyId)) {
            throw new OdpsError(403, "InvalidAccessKeyId", "The AccessKeyId does not exist: " + ak);
        }
        // HttpURLConnection may add a Content-Type the client did not sign; accept the signature without it too.
        String contentType = request.header("Content-Type");
        if (matches(signature, canonical(request, contentType))
                || (contentType != null && matches(signature, canonical(request, null)))) {
            return;
        }
        throw new OdpsError(403, "SignatureNotMatch", "The request signature does not match the AccessKeySecret.");
    }

    private boolean matches(String signature, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.trim().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
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
