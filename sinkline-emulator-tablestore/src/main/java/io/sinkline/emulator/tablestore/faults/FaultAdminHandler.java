package io.sinkline.emulator.tablestore.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The admin API over a {@link FaultInjector}, for chaos runs against a running emulator:
 * <pre>
 * GET  /_sinkline/faults                                            list active faults
 * POST /_sinkline/faults/request-error?action=&amp;rate=&amp;code=[&amp;status=][&amp;times=]
 * POST /_sinkline/faults/row-error?action=&amp;rate=&amp;code=[&amp;times=]
 * POST /_sinkline/faults/latency?action=&amp;ms=
 * POST /_sinkline/faults/drop?action=&amp;rate=[&amp;times=]
 * POST /_sinkline/faults/clear
 * </pre>
 * {@code action} defaults to "*" (every action).
 */
public final class FaultAdminHandler implements HttpHandler {
    public static final String PATH = "/_sinkline/faults";

    private final FaultInjector faults;

    public FaultAdminHandler(FaultInjector faults) {
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        String path = exchange.getRequestURI().getPath();
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        try {
            if (path.equals(PATH) || path.equals(PATH + "/")) {
                answer(exchange, 200, String.join("\n", faults.describe()) + "\n");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "use POST\n");
                return;
            }
            String action = q.getOrDefault("action", "*");
            long times = Long.parseLong(q.getOrDefault("times", "-1"));
            switch (path.substring(PATH.length())) {
                case "/request-error" -> {
                    String code = required(q, "code");
                    int status = q.containsKey("status") ? Integer.parseInt(q.get("status")) : FaultInjector.statusOf(code);
                    faults.failRequests(action, rate(q), code, status, times);
                }
                case "/row-error" -> faults.failRows(action, rate(q), required(q, "code"), times);
                case "/latency" -> faults.addLatency(action, Duration.ofMillis(Long.parseLong(required(q, "ms"))));
                case "/drop" -> faults.dropConnections(action, rate(q), times);
                case "/clear" -> faults.clear();
                default -> {
                    answer(exchange, 404, "unknown fault endpoint: " + path + "\n");
                    return;
                }
            }
            answer(exchange, 200, "ok\n");
        } catch (IllegalArgumentException e) {
            answer(exchange, 400, e.getMessage() + "\n");
        }
    }

    private static double rate(Map<String, String> q) {
        return Double.parseDouble(q.getOrDefault("rate", "1"));
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing query parameter: " + name);
        }
        return v;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }
}
