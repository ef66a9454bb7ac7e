package io.sinkline.core.filter;

import io.sinkline.core.record.PayloadFormat;
import io.sinkline.core.record.RecordFormatException;
import io.sinkline.core.record.RecordView;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * A Connect {@link Predicate} that is true when a record matches an EventBridge event pattern.
 * The pattern is matched against the seed-000 CloudEvents envelope ({@code data.value.x}) or,
 * with {@code match.on=record}, against {@code {topic, partition, offset, timestamp, headers, key, value}}.
 * Works with any connector: {@code predicates.keep.type=io.sinkline.core.filter.EventPatternPredicate}
 * and {@code transforms.x.negate=true} to drop the records that do not match.
 * A record whose payload cannot be decoded does not match.
 */
public class EventPatternPredicate<R extends ConnectRecord<R>> implements Predicate<R> {
    public static final String PATTERN = "pattern";
    public static final String PAYLOAD_FORMAT = "payload.format";
    public static final String MATCH_ON = "match.on";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(PATTERN, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new PatternValidator(),
                    ConfigDef.Importance.HIGH, "The event pattern (EventBridge syntax) as JSON.")
            .define(PAYLOAD_FORMAT, ConfigDef.Type.STRING, "json",
                    ConfigDef.CaseInsensitiveValidString.in("json", "text", "binary"),
                    ConfigDef.Importance.MEDIUM, "How key and value are decoded before matching: json, text or binary (Base64).")
            .define(MATCH_ON, ConfigDef.Type.STRING, "envelope",
                    ConfigDef.CaseInsensitiveValidString.in("envelope", "record"),
                    ConfigDef.Importance.LOW, "Match against the CloudEvents envelope (envelope) or the bare record document (record).");

    private EventPattern pattern;
    private PayloadFormat format;
    private boolean matchEnvelope;

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        pattern = EventPattern.parse(config.getString(PATTERN));
        format = PayloadFormat.valueOf(config.getString(PAYLOAD_FORMAT).toUpperCase(Locale.ROOT));
        matchEnvelope = config.getString(MATCH_ON).equalsIgnoreCase("envelope");
    }

    @Override
    public boolean test(R record) {
        RecordView view = RecordView.of(record, format);
        try {
            return pattern.matches(matchEnvelope ? view.envelope() : view.document());
        } catch (RecordFormatException e) {
            return false;
        }
    }

    @Override
    public void close() {
    }

    /** Reports a pattern that does not parse against the {@code pattern} key. */
    static final class PatternValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                EventPattern.parse((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }
    }
}
