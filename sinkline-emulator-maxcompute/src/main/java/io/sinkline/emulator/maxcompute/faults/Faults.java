package io.sinkline.emulator.maxcompute.faults;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Fault injection for one emulator instance: error rates per endpoint with a chosen status and code,
 * a number of next requests that fail (per endpoint; batch commits for short), added latency and
 * dropped connections. Thread-safe.
 */
public final class Faults {

    private record ErrorRule(double rate, int status, String code) {
    }

    /** The next {@code remaining} requests fail with this status and code. */
    private record Countdown(int remaining, int status, String code) {
    }

    private final Map<FaultTarget, ErrorRule> errors = new EnumMap<>(FaultTarget.class);
    private final Map<FaultTarget, Double> drops = new EnumMap<>(FaultTarget.class);
    private final Map<FaultTarget, Countdown> failingNext = new EnumMap<>(FaultTarget.class);
    /** Faults injected so far per target, so a test can tell that its faults really happened. */
    private final Map<FaultTarget, Long> injected = new EnumMap<>(FaultTarget.class);
    private volatile long latencyMillis;
    private final Random random;

    public Faults(long seed) {
        this.random = new Random(seed);
    }

    /** Fails {@code rate} (0..1) of the requests to {@code target} with {@code status} and error {@code code}. */
    public synchronized Faults errorRate(FaultTarget target, double rate, int status, String code) {
        checkRate(rate);
        checkStatus(status);
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
        return failNext(FaultTarget.TUNNEL_UPLOAD_COMMIT, count, status, code);
    }

    /**
     * The next {@code count} requests to {@code target} fail with this status and code (after any
     * error rate's own draw): a fault that surely happens, where a rate over a short run may not.
     */
    public synchronized Faults failNext(FaultTarget target, int count, int status, String code) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        checkStatus(status);
        failingNext.put(target, new Countdown(count, status, code));
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
        failingNext.clear();
        latencyMillis = 0;
        injected.clear();
    }

    /** How many requests to {@code target} got an injected fault (error or dropped connection) since the last {@link #clear()}. */
    public synchronized long injected(FaultTarget target) {
        return injected.getOrDefault(target, 0L);
    }

    /** One line per active fault, for the admin endpoint. */
    public synchronized java.util.List<String> describe() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        errors.forEach((t, r) -> lines.add("request-error target=" + t + " rate=" + r.rate() + " status=" + r.status()
                + " code=" + r.code()));
        drops.forEach((t, r) -> lines.add("drop target=" + t + " rate=" + r));
        failingNext.forEach((t, c) -> {
            if (c.remaining() > 0) {
                lines.add("next-error target=" + t + " count=" + c.remaining() + " status=" + c.status() + " code=" + c.code());
            }
        });
        if (latencyMillis > 0) {
            lines.add("latency ms=" + latencyMillis);
        }
        injected.forEach((t, n) -> lines.add("injected target=" + t + " count=" + n));
        return lines;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    /** Decides the fate of one request to {@code target}. */
    public synchronized Optional<InjectedFault> next(FaultTarget target) {
        Optional<InjectedFault> fault = decide(target);
        fault.ifPresent(f -> injected.merge(target, 1L, Long::sum));
        return fault;
    }

    private Optional<InjectedFault> decide(FaultTarget target) {
        Double drop = drops.getOrDefault(target, drops.get(FaultTarget.ANY));
        if (drop != null && random.nextDouble() < drop) {
            return Optional.of(new InjectedFault.Drop());
        }
        ErrorRule rule = errors.getOrDefault(target, errors.get(FaultTarget.ANY));
        if (rule != null && random.nextDouble() < rule.rate()) {
            return Optional.of(new InjectedFault.Error(rule.status(), rule.code(), "Injected fault: " + rule.code()));
        }
        Countdown next = failingNext.get(target);
        if (next != null && next.remaining() > 0) {
            failingNext.put(target, new Countdown(next.remaining() - 1, next.status(), next.code()));
            return Optional.of(new InjectedFault.Error(next.status(), next.code(),
                    "Injected failure of " + target.name().toLowerCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    private static void checkStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx, got " + status);
        }
    }

    private static void checkRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within 0..1, got " + rate);
        }
    }
}
