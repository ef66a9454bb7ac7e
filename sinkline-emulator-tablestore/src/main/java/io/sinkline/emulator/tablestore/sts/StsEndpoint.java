package io.sinkline.emulator.tablestore.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.sinkline.emulator.tablestore.http.AccessKeys;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local STS with the one call a Tablestore client needs, {@link AssumeRole}, over HTTPS on its
 * own port (real STS endpoints are HTTPS only). The certificate is a self-signed one for
 * {@code 127.0.0.1}/{@code localhost} shipped with the emulator; clients trust it through
 * {@link #clientSslContext()} or the key store {@code localhost-trust.p12} next to this class
 * (PKCS12, password {@link #STORE_PASSWORD}).
 */
public final class StsEndpoint implements AutoCloseable {
    /** The password of the bundled key store and trust store (test material, not a secret). */
    public static final String STORE_PASSWORD = "sinkline";

    private final AssumeRole assumeRole;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ots-emulator-sts");
        t.setDaemon(true);
        return t;
    });

    public StsEndpoint(String bindAddress, AccessKeys keys) {
        this.assumeRole = new AssumeRole(keys);
        try {
            server = HttpsServer.create(new InetSocketAddress(bindAddress, 0), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Cannot start the STS endpoint on " + bindAddress, e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(serverSslContext()));
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code https://127.0.0.1:<port>}: what a client takes as STS endpoint. */
    public String endpoint() {
        String host = server.getAddress().getAddress().getHostAddress();
        if ("0.0.0.0".equals(host)) {
            host = "127.0.0.1";
        }
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getAddress().getPort();
    }

    /**
     * The bundled trust store (PKCS12, password {@link #STORE_PASSWORD}) as a file, for a client in
     * another process ({@code -Djavax.net.ssl.trustStore}).
     */
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

    /** A TLS context that trusts the endpoint's bundled certificate (and nothing else). */
    public static SSLContext clientSslContext() {
        try (InputStream in = resource("localhost-trust.p12")) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(in));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the STS endpoint's trust store", e);
        }
    }

    private static SSLContext serverSslContext() {
        try (InputStream in = resource("localhost-key.p12")) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(in), STORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the STS endpoint's key store", e);
        }
    }

    private static KeyStore load(InputStream in) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, STORE_PASSWORD.toCharArray());
        return store;
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
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            Map<String, String> params = new TreeMap<>();
            parse(exchange.getRequestURI().getRawQuery(), params);
            if ("POST".equals(method)) {
                parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
            }
            AssumeRole.Answer answer = assumeRole.answer(method, params);
            byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
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
