package io.sinkline.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts the names of an enum's constants in any case (and with '-' for '_'), and parses them.
 * Its {@code toString()} lists the allowed values, which is what ConfigDef documentation and the
 * Connect REST validation show.
 */
public final class CaseInsensitiveEnumValidator<E extends Enum<E>> implements ConfigDef.Validator {

    private final Class<E> type;
    private final boolean optional;

    CaseInsensitiveEnumValidator(Class<E> type, boolean optional) {
        this.type = type;
        this.optional = optional;
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null && optional) {
            return;
        }
        parse(name, value == null ? null : value.toString());
    }

    /** The constant named by {@code value}; a {@link ConfigException} naming the key and the allowed values otherwise. */
    public E parse(String key, String value) {
        if (value != null) {
            String normalised = value.trim().replace('-', '_');
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(normalised)) {
                    return constant;
                }
            }
        }
        throw new ConfigException(key, value, "must be one of " + this + " (any case)");
    }

    /** The constants in lower case, as users write them. */
    public String[] names() {
        return Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return Arrays.stream(names()).collect(Collectors.joining(", ", "[", "]"));
    }
}
