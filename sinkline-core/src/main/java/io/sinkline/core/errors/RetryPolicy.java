package io.sinkline.core.errors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * How often and how long to wait before retrying a failed write: seed 000's three policies.
 *
 * <p>A policy is immutable and shared; {@link #start()} begins one record's (or one batch's)
 * sequence of retries. After each failure ask {@link Attempts#nextDelay()}: a delay means "wait
 * this long, then try again", empty means "give up and hand the record to the error policy".
 * The counts are retries, not counting the first attempt (seed 000: "retried up to 3 times").
 */
public final class RetryPolicy {

    /** The policies of seed 000, by their configuration names. */
    public enum Kind { NONE, BACKOFF, EXPONENTIAL_DECAY }

    private final Kind kind;
    private final int maxRetries;
    private final Duration minDelay;
    private final Duration maxDelay;
    private final Duration maxElapsed;
    private final Supplier<RandomGenerator> random;
    private final Clock clock;

    private RetryPolicy(Kind kind, int maxRetries, Duration minDelay, Duration maxDelay, Duration maxElapsed,
                        Supplier<RandomGenerator> random, Clock clock) {
        this.kind = kind;
        this.maxRetries = maxRetries;
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
        this.maxElapsed = maxElapsed;
        this.random = random;
        this.clock = clock;
    }

    /** Never retry: the first failure goes to the error policy. */
    public static RetryPolicy none() {
        return new RetryPolicy(Kind.NONE, 0, Duration.ZERO, Duration.ZERO, null, ThreadLocalRandom::current, Clock.systemUTC());
    }

    /** Seed 000's backoff: {@code retries} retries, each after a uniformly random delay in [min, max]. */
    public static RetryPolicy backoff(int retries, Duration min, Duration max) {
        requireNonNegative(retries);
        requireOrdered(min, max);
        return new RetryPolicy(Kind.BACKOFF, retries, min, max, null, ThreadLocalRandom::current, Clock.systemUTC());
    }

    /**
     * Seed 000's exponential decay: the first delay is {@code initial}, each next one doubles up to
     * {@code max}; give up after {@code retries} retries or once the next retry would start later
     * than {@code maxElapsed} after {@link #start()}, whichever comes first.
     */
    public static RetryPolicy exponentialDecay(Duration initial, Duration max, int retries, Duration maxElapsed) {
        requireNonNegative(retries);
        requireOrdered(initial, max);
        if (initial.isZero()) {
            throw new IllegalArgumentException("the initial delay of an exponential decay must be positive");
        }
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        return new RetryPolicy(Kind.EXPONENTIAL_DECAY, retries, initial, max, maxElapsed, ThreadLocalRandom::current, Clock.systemUTC());
    }

    /** Seed 000's defaults for a kind: backoff 3 × 10–20 s; decay 1 s doubling to 512 s, 176 retries or 1 day. */
    public static RetryPolicy defaults(Kind kind) {
        return switch (kind) {
            case NONE -> none();
            case BACKOFF -> backoff(3, Duration.ofSeconds(10), Duration.ofSeconds(20));
            case EXPONENTIAL_DECAY -> exponentialDecay(Duration.ofSeconds(1), Duration.ofSeconds(512), 176, Duration.ofDays(1));
        };
    }

    /** The same policy with another source of randomness (tests, reproducible runs). */
    public RetryPolicy withRandom(Supplier<RandomGenerator> random) {
        return new RetryPolicy(kind, maxRetries, minDelay, maxDelay, maxElapsed, Objects.requireNonNull(random), clock);
    }

    /** The same policy measuring the elapsed-time limit with another clock (tests). */
    public RetryPolicy withClock(Clock clock) {
        return new RetryPolicy(kind, maxRetries, minDelay, maxDelay, maxElapsed, random, Objects.requireNonNull(clock));
    }

    public Kind kind() {
        return kind;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** Begins the retries of one failed write. */
    public Attempts start() {
        return new Attempts(clock.instant());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "no retries";
            case BACKOFF -> "backoff: " + maxRetries + " retries, " + minDelay + "-" + maxDelay + " apart";
            case EXPONENTIAL_DECAY -> "exponential decay: " + minDelay + " doubling to " + maxDelay
                    + ", at most " + maxRetries + " retries or " + maxElapsed;
        };
    }

    /** The retries of one failed write. Not thread-safe: one sequence belongs to one retry loop. */
    public final class Attempts {

        private final Instant started;
        private int retries;
        private Duration nextDecayDelay = minDelay;

        private Attempts(Instant started) {
            this.started = started;
        }

        /** The delay before the next retry, or empty when the policy gives up. */
        public Optional<Duration> nextDelay() {
            if (retries >= maxRetries) {
                return Optional.empty();
            }
            Duration delay = switch (kind) {
                case NONE -> null;
                case BACKOFF -> randomDelay();
                case EXPONENTIAL_DECAY -> decayDelay();
            };
            if (delay == null || exceedsElapsedLimit(delay)) {
                return Optional.empty();
            }
            retries++;
            return Optional.of(delay);
        }

        /** How many retries this sequence has granted so far. */
        public int retries() {
            return retries;
        }

        private Duration randomDelay() {
            long min = minDelay.toMillis();
            long max = maxDelay.toMillis();
            return Duration.ofMillis(min == max ? min : random.get().nextLong(min, max + 1));
        }

        private Duration decayDelay() {
            Duration delay = nextDecayDelay;
            Duration doubled = delay.multipliedBy(2);
            nextDecayDelay = doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
            return delay;
        }

        private boolean exceedsElapsedLimit(Duration delay) {
            if (maxElapsed == null) {
                return false;
            }
            Duration elapsed = Duration.between(started, clock.instant());
            return elapsed.plus(delay).compareTo(maxElapsed) > 0;
        }
    }

    private static void requireNonNegative(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("the number of retries must be >= 0, got " + retries);
        }
    }

    private static void requireOrdered(Duration min, Duration max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= min <= max, got " + min + " and " + max);
        }
    }
}
