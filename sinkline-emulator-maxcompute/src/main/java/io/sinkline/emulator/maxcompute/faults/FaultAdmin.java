package io.sinkline.emulator.maxcompute.faults;

import java.util.Locale;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.http.ServiceRequest;
import io.sinkline.emulator.maxcompute.http.ServiceResponse;

/**
 * The admin API over {@link Faults}, for chaos runs against a running emulator (never signed, never faulted):
 * <pre>
 * GET  /_sinkline/faults                                                  list active faults
 * POST /_sinkline/faults/request-error?target=&amp;rate=&amp;status=&amp;code=
 * POST /_sinkline/faults/next-error?target=&amp;count=[&amp;status=&amp;code=]      the next count requests fail
 * POST /_sinkline/faults/commit-error?count=[&amp;status=&amp;code=]              the same for TUNNEL_UPLOAD_COMMIT
 * POST /_sinkline/faults/latency?ms=
 * POST /_sinkline/faults/drop?target=&amp;rate=
 * POST /_sinkline/faults/clear
 * </pre>
 * {@code target} is a {@link FaultTarget} name (default ANY); {@code rate} defaults to 1.
 */
public final class FaultAdmin {

    public static final String PATH = "/_sinkline/faults";

    private final Faults faults;

    public FaultAdmin(Faults faults) {
        this.faults = faults;
    }

    public static boolean isAdmin(ServiceRequest request) {
        return request.path().equals(PATH) || request.path().startsWith(PATH + "/");
    }

    public ServiceResponse handle(ServiceRequest r) {
        String op = r.path().substring(PATH.length());
        if (op.isEmpty() || op.equals("/")) {
            return ServiceResponse.text(200, String.join("\n", faults.describe()) + "\n");
        }
        if (!r.method().equals("POST")) {
            throw new OdpsError(405, "MethodNotAllowed", "use POST for " + r.path());
        }
        try {
            switch (op) {
                case "/request-error" -> faults.errorRate(target(r), rate(r), Integer.parseInt(required(r, "status")),
                        required(r, "code"));
                case "/next-error" -> faults.failNext(target(r), Integer.parseInt(required(r, "count")),
                        Integer.parseInt(r.param("status").orElse("500")), r.param("code").orElse("InternalServerError"));
                case "/commit-error" -> faults.failCommits(Integer.parseInt(required(r, "count")),
                        Integer.parseInt(r.param("status").orElse("500")), r.param("code").orElse("InternalServerError"));
                case "/latency" -> faults.latencyMillis(Long.parseLong(required(r, "ms")));
                case "/drop" -> faults.dropConnections(target(r), rate(r));
                case "/clear" -> faults.clear();
                default -> throw OdpsError.noSuchObject("unknown fault endpoint " + r.path());
            }
        } catch (IllegalArgumentException e) {
            throw OdpsError.invalidArgument(e.getMessage());
        }
        return ServiceResponse.text(200, "ok\n");
    }

    private static FaultTarget target(ServiceRequest r) {
        return FaultTarget.valueOf(r.param("target").orElse("ANY").toUpperCase(Locale.ROOT));
    }

    private static double rate(ServiceRequest r) {
        return Double.parseDouble(r.param("rate").orElse("1"));
    }

    private static String required(ServiceRequest r, String name) {
        return r.param(name).orElseThrow(() -> new IllegalArgumentException("missing query parameter: " + name));
    }
}
