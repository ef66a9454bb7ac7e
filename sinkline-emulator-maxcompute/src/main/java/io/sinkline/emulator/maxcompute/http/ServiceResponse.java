package io.sinkline.emulator.maxcompute.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: a status, headers and a body that is fully built in memory. */
public final class ServiceResponse {

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;

    private ServiceResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    public static ServiceResponse xml(int status, String xml) {
        return new ServiceResponse(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    public static ServiceResponse json(int status, String json) {
        return new ServiceResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static ServiceResponse text(int status, String text) {
        return new ServiceResponse(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    public static ServiceResponse bytes(int status, byte[] body) {
        return new ServiceResponse(status, "application/octet-stream", body);
    }

    public static ServiceResponse empty(int status) {
        return new ServiceResponse(status, null, new byte[0]);
    }

    public ServiceResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }
}
