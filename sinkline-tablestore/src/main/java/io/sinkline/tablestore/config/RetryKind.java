package io.sinkline.tablestore.config;

import io.sinkline.core.errors.RetryPolicy;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/** {@code retry.policy}: seed 000's names (BACKOFF_RETRY, EXPONENTIAL_DECAY_RETRY) or the short ones. */
final class RetryKind {
    private RetryKind() {
    }

    static RetryPolicy.Kind parse(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "none", "no_retry" -> RetryPolicy.Kind.NONE;
            case "backoff", "backoff_retry" -> RetryPolicy.Kind.BACKOFF;
            case "exponential_decay", "exponential_decay_retry", "exponential" -> RetryPolicy.Kind.EXPONENTIAL_DECAY;
            default -> throw new ConfigException(key, value,
                    "must be one of backoff_retry, exponential_decay_retry, none");
        };
    }
}
