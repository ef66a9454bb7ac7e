package io.sinkline.emulator.maxcompute.sts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.sinkline.emulator.maxcompute.http.AccessKeys;

/**
 * A local STS with the one call a MaxCompute client needs: {@code AssumeRole} (RPC style, version 2015-04-01),
 * over HTTPS because STS clients (Aliyun's credentials provider) only speak HTTPS. The caller signs with the
 * emulator's permanent AccessKey (HmacSHA1 over the sorted, percent-encoded parameters, key {@code secret + "&"});
 * the answer is a temporary AccessKey, secret and security token that the emulator accepts until
 * {@code Expiration} ({@code DurationSeconds}, 900 to 43200, default 3600).
 *
 * <p>The certificate is a self-signed one for {@code 127.0.0.1}/{@code localhost} shipped with the emulator;
 * clients trust it through {@link #trustStore()}.
 */
public final class StsEndpoint implements AutoCloseable {

    /** The password of the bundled key store and trust store (test material, not a secret). */
    public static final String STORE_PASSWORD = "sinkline";
    private static final Pattern ROLE_ARN = Pattern.compile("acs:ram::\\d+:role/[\\w.@-]+");
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AccessKeys keys;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "maxcompute-emulator-sts");
        t.setDaemon(true);
        return t;
    });

    public StsEndpoint(String host, AccessKeys keys) {
        this.keys = keys;
        try {
            server = HttpsServer.create(new InetSocketAddress(host, 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(sslContext()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** What a client's {@code sts.endpoint} takes: {@code host:port} (the scheme is always https). */
    public String endpoint() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** A PKCS12 trust store (password {@link #STORE_PASSWORD}) holding the endpoint's certificate, as a file. */
    public static Path trustStore() {
        try (InputStream in = resource("localhost-trust.p12")) {
            Path file = Files.createTempFile("sinkline-sts-trust", ".p12");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SSLContext sslContext() {
        try (InputStream in = resource("localhost-key.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, STORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the STS endpoint's key store", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = StsEndpoint.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        return in;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = new TreeMap<>();
            parse(exchange.getRequestURI().getRawQuery(), params);
            if ("POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
            }
            StsAnswer answer = assumeRole(exchange.getRequestMethod().toUpperCase(), params);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private record StsAnswer(int status, String body) {
    }

    private StsAnswer assumeRole(String method, Map<String, String> params) {
        String requestId = UUID.randomUUID().toString().toUpperCase();
        if (!"AssumeRole".equals(params.get("Action"))) {
            return error(400, requestId, "InvalidAction.NotFound", "Specified api is not found: " + params.get("Action"));
        }
        AccessKeys.AccessKey caller = keys.permanent();
        if (!caller.id().equals(params.get("AccessKeyId"))) {
            return error(404, requestId, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        if (!signature(method, params, caller.secret()).equals(params.get("Signature"))) {
            return error(400, requestId, "SignatureDoesNotMatch",
                    "Specified signature is not matched with our calculation.");
        }
        String roleArn = params.getOrDefault("RoleArn", "");
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            return error(400, requestId, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed: " + roleArn);
        }
        long seconds;
        try {
            seconds = Long.parseLong(params.getOrDefault("DurationSeconds", "3600"));
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 900 || seconds > 43200) {
            return error(400, requestId, "InvalidParameter.DurationSeconds",
                    "The Min/Max value of DurationSeconds is 15min/12hr.");
        }
        AccessKeys.AccessKey issued = keys.issue(Duration.ofSeconds(seconds));
        JsonObject credentials = new JsonObject();
        credentials.addProperty("AccessKeyId", issued.id());
        credentials.addProperty("AccessKeySecret", issued.secret());
        credentials.addProperty("SecurityToken", issued.securityToken());
        credentials.addProperty("Expiration", EXPIRATION.format(issued.expires()));
        JsonObject user = new JsonObject();
        String session = params.getOrDefault("RoleSessionName", "session");
        user.addProperty("Arn", roleArn.replace(":role/", ":assumed-role/") + "/" + session);
        user.addProperty("AssumedRoleId", issued.id() + ":" + session);
        JsonObject body = new JsonObject();
        body.addProperty("RequestId", requestId);
        body.add("AssumedRoleUser", user);
        body.add("Credentials", credentials);
        return new StsAnswer(200, body.toString());
    }

    private static StsAnswer error(int status, String requestId, String code, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("RequestId", requestId);
        body.addProperty("Code", code);
        body.addProperty("Message", message);
        return new StsAnswer(status, body.toString());
    }

    /** RPC signature: Base64(HmacSHA1(secret + "&", METHOD&%2F&encode(sorted encoded params without Signature))). */
    static String signature(String method, Map<String, String> params, String secret) {
        StringBuilder query = new StringBuilder();
        params.forEach((key, value) -> {
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static void parse(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            into.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
