package io.sinkline.core.errors;

import java.util.Locale;

import org.apache.kafka.common.config.ConfigException;

/** What a record that cannot be written does to the task: Connect's {@code errors.tolerance} values. */
public enum ErrorTolerance {
    /** Fail the task, naming the record and the reason. */
    NONE,
    /** Hand the record to the error reporter and go on. */
    ALL;

    /** Parses {@code none} / {@code all} in any case. */
    public static ErrorTolerance parse(String key, String value) {
        if (value != null) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException notOneOfUs) {
                // fall through to the message that names the allowed values
            }
        }
        throw new ConfigException(key, value, "must be one of: none, all");
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
