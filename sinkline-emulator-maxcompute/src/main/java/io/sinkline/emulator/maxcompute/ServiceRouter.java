package io.sinkline.emulator.maxcompute;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.sinkline.emulator.maxcompute.faults.FaultAdmin;
import io.sinkline.emulator.maxcompute.faults.FaultTarget;
import io.sinkline.emulator.maxcompute.http.Dispatcher;
import io.sinkline.emulator.maxcompute.http.HttpFront;
import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.http.ServiceRequest;
import io.sinkline.emulator.maxcompute.http.ServiceResponse;
import io.sinkline.emulator.maxcompute.rest.RestRoutes;
import io.sinkline.emulator.maxcompute.tunnel.TunnelRoutes;

/**
 * Routes {@code /projects/{p}[/schemas/{s}]/…} requests to the REST or Tunnel handlers. Both services share one
 * port: the REST endpoint is {@code /api/projects/…}, the Tunnel endpoint {@code /projects/…}.
 */
final class ServiceRouter implements Dispatcher {

    /** The parts of a path below {@code /projects/{p}}, with a {@code schemas/{s}} step removed. */
    private record Target(String project, List<String> rest) {
        String at(int i) {
            return i < rest.size() ? rest.get(i) : null;
        }
    }

    private final String project;
    private final RestRoutes rest;
    private final TunnelRoutes tunnel;
    private final Supplier<String> tunnelHostPort;

    private final FaultAdmin faultAdmin;

    ServiceRouter(String project, RestRoutes rest, TunnelRoutes tunnel, Supplier<String> tunnelHostPort,
                  FaultAdmin faultAdmin) {
        this.faultAdmin = faultAdmin;
        this.project = project;
        this.rest = rest;
        this.tunnel = tunnel;
        this.tunnelHostPort = tunnelHostPort;
    }

    private static Target parse(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        if (parts.size() < 2 || !parts.get(0).equals("projects")) {
            return null;
        }
        List<String> rest = new ArrayList<>(parts.subList(2, parts.size()));
        if (rest.size() >= 2 && rest.get(0).equals("schemas") && rest.size() > 2) {
            rest = new ArrayList<>(rest.subList(2, rest.size()));
        }
        return new Target(parts.get(1), rest);
    }

    @Override
    public boolean isAdmin(ServiceRequest r) {
        return FaultAdmin.isAdmin(r);
    }

    @Override
    public boolean jsonErrors(ServiceRequest r) {
        Target t = parse(r.path());
        return t != null && ("tables".equals(t.at(0)) || "instances".equals(t.at(0)))
                && TunnelRoutes.isTunnelRequest(r, "streams".equals(t.at(2)));
    }

    @Override
    public FaultTarget classify(ServiceRequest r) {
        Target t = parse(r.path());
        if (t == null) {
            return FaultTarget.METADATA;
        }
        if ("instances".equals(t.at(0))) {
            if (r.has("downloads") || r.has("downloadid")) {
                return FaultTarget.TUNNEL_DOWNLOAD;
            }
            return r.method().equals("POST") ? FaultTarget.INSTANCES : FaultTarget.METADATA;
        }
        if ("tables".equals(t.at(0))) {
            if ("streams".equals(t.at(2))) {
                return r.method().equals("PUT") ? FaultTarget.TUNNEL_STREAM_WRITE : FaultTarget.TUNNEL_STREAM_CREATE;
            }
            if (r.has("uploads")) {
                return FaultTarget.TUNNEL_UPLOAD_CREATE;
            }
            if (r.has("uploadid")) {
                return switch (r.method()) {
                    case "PUT" -> FaultTarget.TUNNEL_UPLOAD_BLOCK;
                    case "POST" -> FaultTarget.TUNNEL_UPLOAD_COMMIT;
                    default -> FaultTarget.TUNNEL_UPLOAD_CREATE;
                };
            }
            if (r.has("downloads") || r.has("downloadid")) {
                return FaultTarget.TUNNEL_DOWNLOAD;
            }
        }
        return FaultTarget.METADATA;
    }

    @Override
    public ServiceResponse serve(ServiceRequest r) throws Exception {
        if (FaultAdmin.isAdmin(r)) {
            return faultAdmin.handle(r);
        }
        Target t = parse(r.path());
        if (t == null) {
            throw OdpsError.noSuchObject("Unknown resource " + r.path());
        }
        if (!t.project().equalsIgnoreCase(project)) {
            throw new OdpsError(404, "NoSuchProject", "Project not found - '" + t.project() + "'");
        }
        String method = r.method();
        String kind = t.at(0);
        if (kind == null) {
            return rest.project();
        }
        switch (kind) {
            case "tunnel":
                return ServiceResponse.text(200, tunnelHostPort.get());
            case "instances":
                if (t.at(1) == null && method.equals("POST")) {
                    return rest.createInstance(r, project, baseUrl(r));
                }
                if (t.at(1) != null && r.has("downloads") && method.equals("POST")) {
                    return tunnel.downloads().createForResult(rest.instanceResult(t.at(1)));
                }
                if (t.at(1) != null && r.has("downloadid")) {
                    return tunnel.downloads().serve(r);
                }
                if (t.at(1) != null && method.equals("GET")) {
                    return rest.instance(r, t.at(1));
                }
                break;
            case "tables":
                if (t.at(1) == null) {
                    return rest.listTables(r);
                }
                return table(r, t.at(1), t.at(2));
            default:
                break;
        }
        throw new OdpsError(405, "MethodNotAllowed", method + " " + r.path() + " is not supported by the emulator");
    }

    private ServiceResponse table(ServiceRequest r, String table, String sub) throws Exception {
        String method = r.method();
        if ("streams".equals(sub)) {
            return switch (method) {
                case "POST" -> tunnel.streams().create(r, table);
                case "PUT" -> tunnel.streams().write(r);
                case "GET" -> tunnel.streams().reload(r);
                default -> throw new OdpsError(405, "MethodNotAllowed", method + " on streams");
            };
        }
        if (sub != null) {
            throw OdpsError.noSuchObject("Unknown table resource " + sub);
        }
        if (r.has("uploads") && method.equals("POST")) {
            return tunnel.uploads().create(r, table);
        }
        if (r.has("uploadid")) {
            return switch (method) {
                case "PUT" -> tunnel.uploads().writeBlock(r);
                case "POST" -> tunnel.uploads().commit(r);
                default -> tunnel.uploads().reload(r);
            };
        }
        if (r.has("downloads") && method.equals("POST")) {
            return tunnel.downloads().create(r, table);
        }
        if (r.has("downloadid")) {
            return tunnel.downloads().serve(r);
        }
        if (method.equals("GET")) {
            return rest.table(r, table);
        }
        throw new OdpsError(405, "MethodNotAllowed", method + " on table " + table);
    }

    /** The REST endpoint as the client addressed it, for the Location of new instances. */
    private static String baseUrl(ServiceRequest r) {
        String host = r.header("Host");
        return "http://" + (host == null ? "127.0.0.1" : host) + HttpFront.API_PREFIX;
    }
}
