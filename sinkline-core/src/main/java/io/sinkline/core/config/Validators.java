package io.sinkline.core.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * ConfigDef validators whose messages name the key, the value and what is allowed (Kafka's
 * {@link ConfigException} prefixes "Invalid value X for configuration KEY"). Their
 * {@code toString()} is the "valid values" column of the documentation.
 */
public final class Validators {

    private Validators() {
    }

    /** One of an enum's constants, in any case; {@link CaseInsensitiveEnumValidator#parse} reads it. */
    public static <E extends Enum<E>> CaseInsensitiveEnumValidator<E> caseInsensitiveEnum(Class<E> type) {
        return new CaseInsensitiveEnumValidator<>(type, false);
    }

    /** As {@link #caseInsensitiveEnum}, also accepting no value (null). */
    public static <E extends Enum<E>> CaseInsensitiveEnumValidator<E> optionalCaseInsensitiveEnum(Class<E> type) {
        return new CaseInsensitiveEnumValidator<>(type, true);
    }

    /** A string with at least one non-blank character. */
    public static ConfigDef.Validator nonBlank() {
        return described("a non-blank string", (name, value) -> {
            if (value == null || value.toString().isBlank()) {
                throw new ConfigException(name, value, "must not be empty");
            }
        });
    }

    /** Null or empty is fine; anything else must pass {@code validator}. */
    public static ConfigDef.Validator optional(ConfigDef.Validator validator) {
        return described(validator + " or empty", (name, value) -> {
            if (value == null || (value instanceof String s && s.isBlank())) {
                return;
            }
            validator.ensureValid(name, value);
        });
    }

    /** A time zone: a region ({@code Asia/Shanghai}) or an offset ({@code GMT+08:00}, {@code +08:00}, {@code UTC}). */
    public static ConfigDef.Validator timeZone() {
        return described("a time zone such as Asia/Shanghai or GMT+08:00", (name, value) -> {
            try {
                ZoneId.of(String.valueOf(value).trim());
            } catch (DateTimeException | NullPointerException e) {
                throw new ConfigException(name, value, "is not a time zone; use a region such as Asia/Shanghai or an offset such as GMT+08:00");
            }
        });
    }

    /** A Java regular expression. */
    public static ConfigDef.Validator regex() {
        return described("a Java regular expression", (name, value) -> {
            try {
                Pattern.compile(String.valueOf(value));
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "is not a regular expression: " + e.getDescription() + " at index " + e.getIndex());
            }
        });
    }

    /**
     * A list of {@code left:right} pairs separated by commas, e.g. {@code topics.assign.tables =
     * orders:t_orders,payments:t_payments}; each side non-blank and each left side once.
     * A {@code Type.LIST} value arrives as a list of pairs, a {@code Type.STRING} one as text.
     */
    public static ConfigDef.Validator pairs(String leftName, String rightName) {
        return described("comma-separated " + leftName + ":" + rightName + " pairs",
                (name, value) -> parsePairs(name, value, leftName, rightName));
    }

    /** Reads what {@link #pairs} validated, in order. */
    public static Map<String, String> parsePairs(String key, Object value, String leftName, String rightName) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String item : items(value)) {
            int colon = item.indexOf(':');
            String left = colon < 0 ? "" : item.substring(0, colon).trim();
            String right = colon < 0 ? "" : item.substring(colon + 1).trim();
            if (left.isEmpty() || right.isEmpty()) {
                throw new ConfigException(key, value, "'" + item + "' is not a " + leftName + ":" + rightName + " pair");
            }
            if (pairs.put(left, right) != null) {
                throw new ConfigException(key, value, leftName + " '" + left + "' appears more than once");
            }
        }
        return pairs;
    }

    private static List<String> items(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item)));
        } else if (value != null) {
            items.addAll(List.of(value.toString().split(",")));
        }
        items.replaceAll(String::trim);
        items.removeIf(String::isEmpty);
        return items;
    }

    private static ConfigDef.Validator described(String description, ConfigDef.Validator check) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                check.ensureValid(name, value);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}
