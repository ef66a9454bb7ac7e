package io.sinkline.emulator.maxcompute.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * One decoded request: the method, the service path (the endpoint's {@code /api} prefix removed,
 * percent-decoded), the decoded query parameters (a key without value maps to {@code ""}), the headers
 * (case-insensitive names) and the body.
 */
public record ServiceRequest(String method, String path, Map<String, String> params, Map<String, String> headers,
                             InputStream body) {

    public boolean has(String param) {
        return params.containsKey(param);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isEmpty());
    }

    public String header(String name) {
        return headers.get(name);
    }

    public byte[] readBody() throws IOException {
        return body.readAllBytes();
    }
}
