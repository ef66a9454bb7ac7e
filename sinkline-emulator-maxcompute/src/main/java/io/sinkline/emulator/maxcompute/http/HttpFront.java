package io.sinkline.emulator.maxcompute.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sinkline.emulator.maxcompute.faults.FaultTarget;
import io.sinkline.emulator.maxcompute.faults.Faults;
import io.sinkline.emulator.maxcompute.faults.InjectedFault;

/**
 * The HTTP server in front of the emulator: decodes requests, checks signatures in strict mode, applies
 * injected faults, hands the request to the {@link Dispatcher} and writes answers and errors the way the
 * service does (XML for REST, JSON for Tunnel, always with {@code x-odps-request-id}).
 */
public final class HttpFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    /** The REST endpoint is {@code http://host:port/api}; the Tunnel endpoint is the bare {@code http://host:port}. */
    public static final String API_PREFIX = "/api";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Dispatcher dispatcher;
    private final SignatureVerifier verifier;
    private final Faults faults;

    public HttpFront(String host, int port, Dispatcher dispatcher, SignatureVerifier verifierOrNull, Faults faults)
            throws IOException {
        this.dispatcher = dispatcher;
        this.verifier = verifierOrNull;
        this.faults = faults;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "mc-emulator-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString().replace("-", "");
        ServiceRequest request = null;
        boolean json = false;
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith(API_PREFIX + "/") || path.equals(API_PREFIX)) {
                path = path.substring(API_PREFIX.length());
            }
            Map<String, String> params = QueryString.parse(exchange.getRequestURI().getRawQuery());
            request = new ServiceRequest(exchange.getRequestMethod(), QueryString.decode(path), params,
                    exchange.getRequestHeaders(), exchange.getRequestBody());
            json = dispatcher.jsonErrors(request);
            if (verifier != null) {
                verifier.verify(request);
            }
            FaultTarget target = dispatcher.classify(request);
            long latency = faults.latencyMillis();
            if (latency > 0) {
                Thread.sleep(latency);
            }
            Optional<InjectedFault> fault = faults.next(target);
            if (fault.isPresent()) {
                if (fault.get() instanceof InjectedFault.Drop) {
                    LOG.debug("dropping connection for {} {}", request.method(), request.path());
                    drain(request.body());
                    return; // closing without a response: the client sees a broken connection
                }
                InjectedFault.Error e = (InjectedFault.Error) fault.get();
                drain(request.body());
                throw new OdpsError(e.status(), e.code(), e.message());
            }
            ServiceResponse response = dispatcher.serve(request);
            drain(request.body());
            send(exchange, response, requestId);
        } catch (OdpsError e) {
            LOG.debug("{} {} -> {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.status(), e.code());
            sendError(exchange, e.status(), e.code(), e.getMessage(), requestId, json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            sendError(exchange, 500, "InternalServerError", String.valueOf(e.getMessage()), requestId, json);
        } finally {
            exchange.close(); // without a response sent this drops the connection, which is what a Drop fault wants
        }
    }

    private static void drain(InputStream body) throws IOException {
        body.transferTo(OutputStream.nullOutputStream());
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message, String requestId,
                                  boolean json) {
        String body = json
                ? "{\"Code\":\"" + jsonEscape(code) + "\",\"Message\":\"" + jsonEscape(message)
                        + "\",\"RequestId\":\"" + requestId + "\"}"
                : Xml.error(code, message, requestId);
        ServiceResponse response = json ? ServiceResponse.json(status, body) : ServiceResponse.xml(status, body);
        try {
            send(exchange, response, requestId);
        } catch (IOException | RuntimeException ignored) {
            // the client went away or the headers were already sent; nothing more to tell it
        }
    }

    private static String jsonEscape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void send(HttpExchange exchange, ServiceResponse response, String requestId) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("x-odps-request-id", requestId);
        headers.set("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        if (body.length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
        } else {
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
