package io.sinkline.emulator.maxcompute.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for one emulator instance: error rates per endpoint with a chosen status and code,
 * a number of failing batch commits, added latency and dropped connections. Thread-safe.
 */
public final class Faults {

    private record ErrorRule(double rate, int status, String code) {
    }

    private final Map<FaultTarget, ErrorRule> errors = new EnumMap<>(FaultTarget.class);
    private final Map<FaultTarget, Double> drops = new EnumMap<>(FaultTarget.class);
    private final AtomicInteger failingCommits = new AtomicInteger();
    private volatile ErrorRule commitError = new ErrorRule(1, 500, "InternalServerError");
    private volatile long latencyMillis;
    private final Random random;

    public Faults(long seed) {
        this.random = new Random(seed);
    }

    /** Fails {@code rate} (0..1) of the requests to {@code target} with {@code status} and error {@code code}. */
    public synchronized Faults errorRate(FaultTarget target, double rate, int status, String code) {
        checkRate(rate);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx, got " + status);
        }
        errors.put(target, new ErrorRule(rate, status, code));
        return this;
    }

    /** Closes {@code rate} (0..1) of the connections to {@code target} without an answer. */
    public synchronized Faults dropConnections(FaultTarget target, double rate) {
        checkRate(rate);
        drops.put(target, rate);
        return this;
    }

    /** The next {@code count} batch-upload commits fail with 500 InternalServerError; their data stays invisible. */
    public Faults failCommits(int count) {
        return failCommits(count, 500, "InternalServerError");
    }

    /** The next {@code count} batch-upload commits fail with this status and code; their data stays invisible. */
    public Faults failCommits(int count, int status, String code) {
        commitError = new ErrorRule(1, status, code);
        failingCommits.set(count);
        return this;
    }

    /** Adds this delay before every request is served. */
    public Faults latencyMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
        this.latencyMillis = millis;
        return this;
    }

    public synchronized void clear() {
        errors.clear();
        drops.clear();
        failingCommits.set(0);
        latencyMillis = 0;
    }

    /** One line per active fault, for the admin endpoint. */
    public synchronized java.util.List<String> describe() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        errors.forEach((t, r) -> lines.add("request-error target=" + t + " rate=" + r.rate() + " status=" + r.status()
                + " code=" + r.code()));
        drops.forEach((t, r) -> lines.add("drop target=" + t + " rate=" + r));
        if (failingCommits.get() > 0) {
            lines.add("commit-error count=" + failingCommits.get() + " status=" + commitError.status() + " code="
                    + commitError.code());
        }
        if (latencyMillis > 0) {
            lines.add("latency ms=" + latencyMillis);
        }
        return lines;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    /** Decides the fate of one request to {@code target}. */
    public synchronized Optional<InjectedFault> next(FaultTarget target) {
        Double drop = drops.getOrDefault(target, drops.get(FaultTarget.ANY));
        if (drop != null && random.nextDouble() < drop) {
            return Optional.of(new InjectedFault.Drop());
        }
        ErrorRule rule = errors.getOrDefault(target, errors.get(FaultTarget.ANY));
        if (rule != null && random.nextDouble() < rule.rate()) {
            return Optional.of(new InjectedFault.Error(rule.status(), rule.code(), "Injected fault: " + rule.code()));
        }
        if (target == FaultTarget.TUNNEL_UPLOAD_COMMIT && failingCommits.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            ErrorRule e = commitError;
            return Optional.of(new InjectedFault.Error(e.status(), e.code(), "Injected commit failure"));
        }
        return Optional.empty();
    }

    private static void checkRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within 0..1, got " + rate);
        }
    }
}
