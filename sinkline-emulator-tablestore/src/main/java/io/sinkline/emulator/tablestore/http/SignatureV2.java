package io.sinkline.emulator.tablestore.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** Tablestore's V2 signatures: of requests ({@code x-ots-signature}) and of responses ({@code authorization}). */
public final class SignatureV2 {
    static final String PREFIX = "x-ots-";

    private SignatureV2() {
    }

    /** The request signature over "/Action\nPOST\n\n" and the sorted x-ots-* headers (the signature header excluded). */
    public static String requestSignature(String secret, String action, String method, Map<String, String> lowerCaseHeaders) {
        StringBuilder sb = new StringBuilder(256).append('/').append(action).append('\n').append(method).append("\n\n");
        for (Map.Entry<String, String> e : new TreeMap<>(lowerCaseHeaders).entrySet()) {
            if (e.getKey().startsWith(PREFIX) && !e.getKey().equals("x-ots-signature")) {
                sb.append(e.getKey()).append(':').append(e.getValue().trim()).append('\n');
            }
        }
        return hmacSha1(secret, sb.toString());
    }

    /** The response signature over the sorted x-ots-* response headers, then "/Action". */
    public static String responseSignature(String secret, String action, Map<String, String> lowerCaseHeaders) {
        StringBuilder sb = new StringBuilder(256);
        for (Map.Entry<String, String> e : new TreeMap<>(lowerCaseHeaders).entrySet()) {
            if (e.getKey().startsWith(PREFIX)) {
                sb.append(e.getKey()).append(':').append(e.getValue()).append('\n');
            }
        }
        sb.append('/').append(action);
        return hmacSha1(secret, sb.toString());
    }

    public static String base64Md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmacSha1(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares signatures in constant time. */
    static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
