package io.sinkline.maxcompute.config;

import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * Checks that single-key validators cannot see (which keys a choice makes required, which
 * combinations the seeds forbid) and reports each problem on the key the user has to change.
 */
public final class CrossKeyValidation {

    private CrossKeyValidation() {
    }

    /** Adds error messages to {@code values} (the result of {@code ConfigDef.validateAll}). */
    public static void check(Map<String, ConfigValue> values) {
        checkAccount(values);
        checkFormatAndMode(values);
        checkErrorTopic(values);
    }

    private static void checkAccount(Map<String, ConfigValue> values) {
        String type = upper(values, MaxComputeSinkConfig.ACCOUNT_TYPE);
        if (type == null) {
            return;
        }
        requireSet(values, MaxComputeSinkConfig.ACCESS_ID, "account_type " + type);
        requireSet(values, MaxComputeSinkConfig.ACCESS_KEY, "account_type " + type);
        if (AccountType.STS.name().equals(type)) {
            for (String key : new String[] {MaxComputeSinkConfig.ACCOUNT_ID, MaxComputeSinkConfig.REGION_ID,
                    MaxComputeSinkConfig.ROLE_NAME, MaxComputeSinkConfig.STS_ENDPOINT}) {
                requireSet(values, key, "account_type STS");
            }
        }
    }

    private static void checkFormatAndMode(Map<String, ConfigValue> values) {
        String format = upper(values, MaxComputeSinkConfig.FORMAT);
        String mode = upper(values, MaxComputeSinkConfig.MODE);
        if (format == null || mode == null) {
            return;
        }
        RecordFormat recordFormat = RecordFormat.valueOf(format);
        if (RecordMode.DEFAULT.name().equals(mode) && !recordFormat.supportsDefaultMode()) {
            values.get(MaxComputeSinkConfig.MODE).addErrorMessage("mode DEFAULT writes both key and value columns, which format "
                    + format + " does not have; use mode VALUE or KEY (DEFAULT is for TEXT, BINARY and JSON)");
        }
    }

    private static void checkErrorTopic(Map<String, ConfigValue> values) {
        if (isSet(values, MaxComputeSinkConfig.ERROR_TOPIC_NAME)) {
            requireSet(values, MaxComputeSinkConfig.ERROR_TOPIC_BOOTSTRAP_SERVERS,
                    MaxComputeSinkConfig.ERROR_TOPIC_NAME + " (the connector produces to that cluster itself)");
        }
    }

    private static void requireSet(Map<String, ConfigValue> values, String key, String because) {
        ConfigValue value = values.get(key);
        if (value != null && value.errorMessages().isEmpty() && !isSet(values, key)) {
            value.addErrorMessage(key + " is required with " + because);
        }
    }

    private static boolean isSet(Map<String, ConfigValue> values, String key) {
        ConfigValue value = values.get(key);
        if (value == null || value.value() == null) {
            return false;
        }
        Object v = value.value();
        String text = v instanceof Password p ? p.value() : v.toString();
        return !text.isBlank();
    }

    /** The upper-cased value of an enum key, or null if it is missing or already invalid. */
    private static String upper(Map<String, ConfigValue> values, String key) {
        ConfigValue value = values.get(key);
        if (value == null || value.value() == null || !value.errorMessages().isEmpty()) {
            return null;
        }
        return value.value().toString().trim().toUpperCase(Locale.ROOT);
    }
}
