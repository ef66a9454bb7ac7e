package io.sinkline.emulator.tablestore.http;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.UnsafeByteOperations;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import com.aliyun.ots.thirdparty.com.google.protobuf.UninitializedMessageException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.sinkline.emulator.tablestore.engine.Limits;
import io.sinkline.emulator.tablestore.error.OtsErrorCode;
import io.sinkline.emulator.tablestore.error.OtsException;
import io.sinkline.emulator.tablestore.faults.FaultInjector;
import io.sinkline.emulator.tablestore.protocol.Action;
import io.sinkline.emulator.tablestore.protocol.ActionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The service front: {@code POST /{Action}} with a protobuf body. Checks size, integrity, temporary
 * keys (issued, unexpired, with their {@code x-ots-ststoken}) and, in strict mode, the signature;
 * applies injected faults, runs the action, and answers with the headers and response signature
 * the SDK validates (signed with the caller's secret, the temporary one for a temporary key).
 */
public final class OtsHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OtsHttpHandler.class);

    private final ActionRegistry actions;
    private final AccessKeys keys;
    private final String instanceName;
    private final FaultInjector faults;
    private final KeyUsage usage;

    public OtsHttpHandler(ActionRegistry actions, AccessKeys keys, String instanceName, FaultInjector faults, KeyUsage usage) {
        this.actions = actions;
        this.keys = keys;
        this.instanceName = instanceName;
        this.faults = faults;
        this.usage = usage;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String action = exchange.getRequestURI().getPath().substring(1);
        Map<String, String> headers = lowerCase(exchange.getRequestHeaders());
        String accessKeyId = headers.get("x-ots-accesskeyid");
        try {
            long latency = faults.latencyMillis(action);
            if (latency > 0) {
                Thread.sleep(latency);
            }
            if (faults.shouldDrop(action)) {
                LOG.debug("Dropping the connection of a {} request (injected fault)", action);
                exchange.close(); // closing before any response makes the server drop the connection
                return;
            }
            byte[] body = readBody(exchange.getRequestBody(), headers.get("content-length"));
            if (!"POST".equals(exchange.getRequestMethod())) {
                throw new OtsException(OtsErrorCode.METHOD_NOT_ALLOWED, "Only POST is allowed.");
            }
            authenticate(action, headers, body);
            usage.record(accessKeyId, action);
            body = decompress(headers, body);
            OtsException injected = faults.requestFault(action);
            if (injected != null) {
                throw injected;
            }
            Action handler = actions.lookup(action);
            if (handler == null) {
                throw new OtsException(OtsErrorCode.UNSUPPORTED_OPERATION, "Unsupported operation: '" + action + "'.");
            }
            // The body array is not touched again, so the protobuf parser may read it without a copy.
            byte[] response = handler.handle(UnsafeByteOperations.unsafeWrap(body)).toByteArray();
            respond(exchange, action, accessKeyId, 200, response);
        } catch (OtsException e) {
            LOG.debug("{} failed: {} {}", action, e.code(), e.getMessage());
            respond(exchange, action, accessKeyId, e.httpStatus(), error(e.code(), e.getMessage()));
        } catch (InvalidProtocolBufferException | UninitializedMessageException e) {
            respond(exchange, action, accessKeyId, 400,
                    error(OtsErrorCode.PARAMETER_INVALID.code(), "Failed to parse the request: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (RuntimeException e) {
            LOG.warn("{} failed with an internal error", action, e);
            respond(exchange, action, accessKeyId, 500,
                    error(OtsErrorCode.INTERNAL_SERVER_ERROR.code(), "Internal server error: " + e));
        }
    }

    private void authenticate(String action, Map<String, String> headers, byte[] body) {
        String md5 = headers.get("x-ots-contentmd5");
        if (md5 != null && !md5.equals(SignatureV2.base64Md5(body))) {
            throw OtsException.invalid("The content MD5 does not match the request body.");
        }
        String accessKeyId = headers.get("x-ots-accesskeyid");
        String securityToken = headers.get("x-ots-ststoken");
        // Temporary keys are checked in both modes: the service never takes an expired or unknown one.
        if (securityToken != null || keys.isTemporary(accessKeyId)) {
            checkTemporaryKey(accessKeyId, securityToken);
        }
        if (!keys.strict()) {
            return;
        }
        String secret = keys.secretOf(accessKeyId);
        if (secret == null) {
            throw new OtsException(OtsErrorCode.AUTH_FAILED, "The AccessKeyID is disabled or does not exist.");
        }
        if (!instanceName.equals(headers.get("x-ots-instancename"))) {
            throw new OtsException(OtsErrorCode.AUTH_FAILED, "Request denied by instance: " + headers.get("x-ots-instancename") + ".");
        }
        String expected = SignatureV2.requestSignature(secret, action, "POST", headers);
        if (!SignatureV2.same(expected, headers.get("x-ots-signature"))) {
            throw new OtsException(OtsErrorCode.AUTH_FAILED, "Signature mismatch.");
        }
    }

    private void checkTemporaryKey(String accessKeyId, String securityToken) {
        if (!keys.isTemporary(accessKeyId)) {
            throw new OtsException(OtsErrorCode.AUTH_FAILED, "The AccessKeyID is disabled or does not exist.");
        }
        AccessKeys.TemporaryKey key = keys.validTemporary(accessKeyId).orElseThrow(() ->
                new OtsException(OtsErrorCode.AUTH_FAILED, "The security token you provided has expired."));
        if (!SignatureV2.same(key.securityToken(), securityToken)) {
            throw new OtsException(OtsErrorCode.AUTH_FAILED, "The security token you provided is invalid.");
        }
    }

    private static byte[] decompress(Map<String, String> headers, byte[] body) {
        String type = headers.get("x-ots-request-compress-type");
        if (type == null) {
            return body;
        }
        if (!"deflate".equalsIgnoreCase(type.trim())) {
            throw OtsException.invalid("Unsupported compress type: " + type + ".");
        }
        int rawSize;
        try {
            rawSize = Integer.parseInt(headers.getOrDefault("x-ots-request-compress-size", "").trim());
        } catch (NumberFormatException e) {
            throw OtsException.invalid("Invalid x-ots-request-compress-size.");
        }
        if (rawSize < 0 || rawSize > Limits.MAX_REQUEST_BYTES) {
            throw new OtsException(OtsErrorCode.REQUEST_BODY_TOO_LARGE, "Request body is too large.");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body);
            byte[] out = new byte[rawSize];
            int n = inflater.inflate(out);
            if (n != rawSize) {
                throw OtsException.invalid("Decompressed size does not match x-ots-request-compress-size.");
            }
            return out;
        } catch (DataFormatException e) {
            throw OtsException.invalid("Failed to decompress the request: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static byte[] readBody(InputStream in, String contentLength) throws IOException {
        long declared = parseLength(contentLength);
        if (declared > Limits.MAX_REQUEST_BYTES) {
            in.transferTo(OutputStream.nullOutputStream()); // drain, so the connection stays usable
            throw new OtsException(OtsErrorCode.REQUEST_BODY_TOO_LARGE,
                    "Request body is too large: more than " + Limits.MAX_REQUEST_BYTES + " bytes.");
        }
        if (declared >= 0) {
            return in.readNBytes((int) declared); // the SDK always sends a length: one exact array, no copies
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[16384];
        int n;
        long total = 0;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > Limits.MAX_REQUEST_BYTES) {
                in.transferTo(OutputStream.nullOutputStream()); // drain, so the connection stays usable
                throw new OtsException(OtsErrorCode.REQUEST_BODY_TOO_LARGE,
                        "Request body is too large: more than " + Limits.MAX_REQUEST_BYTES + " bytes.");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static long parseLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void respond(HttpExchange exchange, String action, String accessKeyId, int status, byte[] body) throws IOException {
        Map<String, String> otsHeaders = new HashMap<>();
        otsHeaders.put("x-ots-contentmd5", SignatureV2.base64Md5(body));
        otsHeaders.put("x-ots-contenttype", "protocol buffer");
        otsHeaders.put("x-ots-requestid", UUID.randomUUID().toString());
        otsHeaders.put("x-ots-date", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        String signature = SignatureV2.responseSignature(keys.signingSecret(accessKeyId), action, otsHeaders);
        Headers out = exchange.getResponseHeaders();
        otsHeaders.forEach(out::set);
        out.set("authorization", "OTS " + (accessKeyId == null ? "" : accessKeyId) + ":" + signature);
        out.set("Content-Type", "application/octet-stream");
        // An empty body goes out chunked (length 0 means "chunked" here): the SDK wants an entity to read.
        exchange.sendResponseHeaders(status, body.length == 0 ? 0 : body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
        exchange.close();
    }

    private static byte[] error(String code, String message) {
        return OtsInternalApi.Error.newBuilder().setCode(code).setMessage(message == null ? "" : message).build().toByteArray();
    }

    private static Map<String, String> lowerCase(Headers headers) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue().get(0));
            }
        }
        return out;
    }
}
