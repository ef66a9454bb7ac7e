package io.sinkline.emulator.tablestore.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fault: applies to an action ("*" for all) with a probability, optionally at most
 * {@code remaining} times (negative = unlimited), answering with an error code and HTTP status.
 */
final class FaultRule {
    final String action;
    final double rate;
    final String code;
    final int httpStatus;
    private final AtomicLong remaining;

    FaultRule(String action, double rate, String code, int httpStatus, long times) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be in [0, 1]: " + rate);
        }
        this.action = action == null || action.isBlank() ? "*" : action;
        this.rate = rate;
        this.code = code;
        this.httpStatus = httpStatus;
        this.remaining = new AtomicLong(times);
    }

    boolean appliesTo(String actionName) {
        return action.equals("*") || action.equalsIgnoreCase(actionName);
    }

    /** Decides whether this call is hit, consuming one of the remaining hits if limited. */
    boolean fires(String actionName) {
        if (!appliesTo(actionName) || ThreadLocalRandom.current().nextDouble() >= rate) {
            return false;
        }
        if (remaining.get() < 0) {
            return true;
        }
        return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    @Override
    public String toString() {
        long left = remaining.get();
        return "action=" + action + " rate=" + rate + (code == null ? "" : " code=" + code + " status=" + httpStatus)
                + (left < 0 ? "" : " remaining=" + left);
    }
}
