package io.sinkline.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; the failure names what was awaited. */
public final class Await {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private Await() {
    }

    /**
     * Returns the first non-null value the supplier gives within the timeout.
     *
     * @param what a description for the failure message, e.g. "connector 'x' running"
     * @param lastState what the last attempt saw, for the failure message
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> attempt, Supplier<String> lastState) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                T value = attempt.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError(
                        "Timed out after " + timeout + " waiting for " + what + "; last seen: " + lastState.get());
                if (lastError != null) {
                    failure.addSuppressed(lastError);
                }
                throw failure;
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** Waits until the condition is true. */
    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        until(what, timeout, () -> Boolean.TRUE.equals(condition.get()) ? Boolean.TRUE : null, () -> "condition false");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
