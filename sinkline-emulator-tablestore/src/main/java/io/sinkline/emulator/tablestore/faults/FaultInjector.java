package io.sinkline.emulator.tablestore.faults;

import io.sinkline.emulator.tablestore.error.OtsErrorCode;
import io.sinkline.emulator.tablestore.error.OtsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Faults a test or a chaos run switches on: whole requests failing with a service error, single
 * rows of BatchWriteRow/BulkImport failing, added latency, and dropped connections. Each emulator
 * has its own injector; {@link #clear()} switches everything off.
 */
public final class FaultInjector {
    private final List<FaultRule> requestErrors = new CopyOnWriteArrayList<>();
    private final List<FaultRule> rowErrors = new CopyOnWriteArrayList<>();
    private final List<FaultRule> drops = new CopyOnWriteArrayList<>();
    private final List<LatencyRule> latencies = new CopyOnWriteArrayList<>();

    private record LatencyRule(String action, long millis) {
        boolean appliesTo(String a) {
            return action.equals("*") || action.equalsIgnoreCase(a);
        }
    }

    /** Fails this share of the action's requests with a known code, at the service's HTTP status for it. */
    public FaultInjector failRequests(String action, double rate, String code) {
        return failRequests(action, rate, code, statusOf(code), -1);
    }

    /** Fails requests of the action with any code and HTTP status, at most {@code times} times (negative = unlimited). */
    public FaultInjector failRequests(String action, double rate, String code, int httpStatus, long times) {
        requestErrors.add(new FaultRule(action, rate, canonical(code), httpStatus, times));
        return this;
    }

    /** Fails the next {@code times} requests of the action. */
    public FaultInjector failNextRequests(String action, long times, String code) {
        return failRequests(action, 1.0, code, statusOf(code), times);
    }

    /** In BatchWriteRow/BulkImport ("*" for both), fails this share of rows with the code; other rows are written. */
    public FaultInjector failRows(String action, double rate, String code) {
        return failRows(action, rate, code, -1);
    }

    public FaultInjector failRows(String action, double rate, String code, long times) {
        rowErrors.add(new FaultRule(action, rate, canonical(code), statusOf(code), times));
        return this;
    }

    /** Delays every request of the action ("*" for all) by this much before answering. */
    public FaultInjector addLatency(String action, Duration latency) {
        latencies.add(new LatencyRule(action == null || action.isBlank() ? "*" : action, latency.toMillis()));
        return this;
    }

    /** Closes the connection without an answer for this share of the action's requests. */
    public FaultInjector dropConnections(String action, double rate) {
        return dropConnections(action, rate, -1);
    }

    public FaultInjector dropConnections(String action, double rate, long times) {
        drops.add(new FaultRule(action, rate, null, 0, times));
        return this;
    }

    public void clear() {
        requestErrors.clear();
        rowErrors.clear();
        drops.clear();
        latencies.clear();
    }

    /** The error this request must fail with, or null. */
    public OtsException requestFault(String action) {
        for (FaultRule r : requestErrors) {
            if (r.fires(action)) {
                return new OtsException(r.code, r.httpStatus, "Injected fault: " + r.code);
            }
        }
        return null;
    }

    /** The error this row of a batch write must fail with, or null. */
    public OtsException rowFault(String action) {
        for (FaultRule r : rowErrors) {
            if (r.fires(action)) {
                return new OtsException(r.code, r.httpStatus, "Injected row fault: " + r.code);
            }
        }
        return null;
    }

    public boolean shouldDrop(String action) {
        for (FaultRule r : drops) {
            if (r.fires(action)) {
                return true;
            }
        }
        return false;
    }

    public long latencyMillis(String action) {
        long total = 0;
        for (LatencyRule r : latencies) {
            if (r.appliesTo(action)) {
                total += r.millis();
            }
        }
        return total;
    }

    /** The active faults, one per line (what the admin API shows). */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        requestErrors.forEach(r -> out.add("request-error " + r));
        rowErrors.forEach(r -> out.add("row-error " + r));
        drops.forEach(r -> out.add("drop " + r));
        latencies.forEach(r -> out.add("latency action=" + r.action() + " ms=" + r.millis()));
        return out;
    }

    static int statusOf(String code) {
        OtsErrorCode known = OtsErrorCode.fromCode(code);
        if (known == null) {
            throw new IllegalArgumentException("Unknown error code " + code + "; give its HTTP status explicitly.");
        }
        return known.httpStatus();
    }

    /** The wire name of a code given as wire name or enum name. */
    static String canonical(String code) {
        OtsErrorCode known = OtsErrorCode.fromCode(code);
        return known == null ? code : known.code();
    }
}
