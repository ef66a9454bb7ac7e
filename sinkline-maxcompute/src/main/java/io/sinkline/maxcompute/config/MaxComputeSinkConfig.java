package io.sinkline.maxcompute.config;

import java.time.ZoneId;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.sinkline.core.config.Validators;

/**
 * The connector's configuration. Seed 003's keys are accepted exactly as written (snake_case and
 * the dotted {@code runtime.error.*} / {@code sts.endpoint}), so the official connector's JSON works
 * unchanged; Sinkline's own additions follow the same snake_case style.
 */
public final class MaxComputeSinkConfig extends AbstractConfig {

    public static final String ENDPOINT = "endpoint";
    public static final String TUNNEL_ENDPOINT = "tunnel_endpoint";
    public static final String PROJECT = "project";
    public static final String SCHEMA = "schema";
    public static final String TABLE = "table";

    public static final String ACCOUNT_TYPE = "account_type";
    public static final String ACCESS_ID = "access_id";
    public static final String ACCESS_KEY = "access_key";
    public static final String ACCOUNT_ID = "account_id";
    public static final String REGION_ID = "region_id";
    public static final String ROLE_NAME = "role_name";
    public static final String STS_ENDPOINT = "sts.endpoint";
    public static final String CLIENT_TIMEOUT_MS = "client_timeout_ms";

    public static final String FORMAT = "format";
    public static final String MODE = "mode";
    public static final String CSV_DELIMITER = "csv_delimiter";
    public static final String CSV_NULL = "csv_null_value";

    public static final String PARTITION_WINDOW_TYPE = "partition_window_type";
    public static final String TIME_ZONE = "time_zone";
    public static final String PARTITION_TIME_SOURCE = "partition_time_source";
    public static final String PARTITION_VALUE_STYLE = "partition_value_style";

    public static final String USE_STREAMING = "use_streaming";
    public static final String BUFFER_SIZE_KB = "buffer_size_kb";
    public static final String SINK_POOL_SIZE = "sink_pool_size";
    public static final String RECORD_BATCH_SIZE = "record_batch_size";
    public static final String FLUSH_INTERVAL_MS = "flush_interval_ms";
    public static final String TUNNEL_COMPRESSION = "tunnel_compression";
    public static final String WRITE_RETRIES = "write_retries";
    public static final String WRITE_RETRY_BACKOFF_MS = "write_retry_backoff_ms";

    public static final String SKIP_ERROR = "skip_error";
    public static final String ERROR_TOPIC_NAME = "runtime.error.topic.name";
    public static final String ERROR_TOPIC_BOOTSTRAP_SERVERS = "runtime.error.topic.bootstrap.servers";

    private static final String GROUP_SERVICE = "MaxCompute";
    private static final String GROUP_AUTH = "Authentication";
    private static final String GROUP_FORMAT = "Format";
    private static final String GROUP_PARTITION = "Partition";
    private static final String GROUP_WRITE = "Write";
    private static final String GROUP_ERRORS = "Errors";

    public static final String DEFAULT_TIME_ZONE = "GMT+08:00";

    public static final ConfigDef CONFIG_DEF = buildConfigDef();

    public MaxComputeSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(ENDPOINT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.nonBlank(), Importance.HIGH,
                "The MaxCompute service endpoint, e.g. http://service.cn-shanghai.maxcompute.aliyun.com/api.",
                GROUP_SERVICE, ++order, Width.LONG, "Endpoint");
        def.define(TUNNEL_ENDPOINT, Type.STRING, "", Importance.LOW,
                "The Tunnel endpoint; empty means the SDK discovers it from the service endpoint.",
                GROUP_SERVICE, ++order, Width.LONG, "Tunnel endpoint");
        def.define(PROJECT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.nonBlank(), Importance.HIGH,
                "The MaxCompute project that holds the table.", GROUP_SERVICE, ++order, Width.MEDIUM, "Project");
        def.define(SCHEMA, Type.STRING, "default", Importance.LOW,
                "The schema of the three-layer model (project.schema.table); 'default' for two-layer projects.",
                GROUP_SERVICE, ++order, Width.MEDIUM, "Schema");
        def.define(TABLE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.nonBlank(), Importance.HIGH,
                "The target table; it must exist, partitioned by one STRING column (pt) or not partitioned.",
                GROUP_SERVICE, ++order, Width.MEDIUM, "Table");

        order = 0;
        def.define(ACCOUNT_TYPE, Type.STRING, AccountType.ALIYUN.name(), enumValidator(AccountType.class), Importance.HIGH,
                "How to authenticate: ALIYUN (AccessKey pair) or STS (AssumeRole, temporary credentials).",
                GROUP_AUTH, ++order, Width.SHORT, "Account type");
        def.define(ACCESS_ID, Type.STRING, "", Importance.HIGH,
                "The AccessKey ID (ALIYUN), or the AccessKey ID that assumes the role (STS).",
                GROUP_AUTH, ++order, Width.MEDIUM, "AccessKey ID");
        def.define(ACCESS_KEY, Type.PASSWORD, "", Importance.HIGH,
                "The AccessKey secret for access_id. A secret: never logged.",
                GROUP_AUTH, ++order, Width.MEDIUM, "AccessKey secret");
        def.define(ACCOUNT_ID, Type.STRING, "", Importance.MEDIUM,
                "STS: the Alibaba Cloud account ID (UID) that owns the RAM role.", GROUP_AUTH, ++order, Width.MEDIUM, "Account ID");
        def.define(REGION_ID, Type.STRING, "", Importance.MEDIUM,
                "STS: the region ID of the MaxCompute project, e.g. cn-shanghai.", GROUP_AUTH, ++order, Width.SHORT, "Region ID");
        def.define(ROLE_NAME, Type.STRING, "", Importance.MEDIUM,
                "STS: the RAM role name to assume.", GROUP_AUTH, ++order, Width.MEDIUM, "Role name");
        def.define(STS_ENDPOINT, Type.STRING, "", Importance.MEDIUM,
                "STS: the STS service endpoint, e.g. sts.cn-shanghai.aliyuncs.com.", GROUP_AUTH, ++order, Width.LONG, "STS endpoint");
        def.define(CLIENT_TIMEOUT_MS, Type.LONG, 11L * 60 * 1000, ConfigDef.Range.atLeast(1000), Importance.LOW,
                "STS: lifetime of the temporary credentials in ms (at least AssumeRole's 15 min); they are renewed before expiry.",
                GROUP_AUTH, ++order, Width.SHORT, "STS refresh interval");

        order = 0;
        def.define(FORMAT, Type.STRING, RecordFormat.TEXT.name(), enumValidator(RecordFormat.class), Importance.HIGH,
                "Message format: TEXT, BINARY, CSV, JSON or FLATTEN (see the README for the table each needs).",
                GROUP_FORMAT, ++order, Width.SHORT, "Format");
        def.define(MODE, Type.STRING, RecordMode.DEFAULT.name(), enumValidator(RecordMode.class), Importance.HIGH,
                "Which part of the message is written: KEY, VALUE or DEFAULT (both; TEXT, BINARY and JSON only).",
                GROUP_FORMAT, ++order, Width.SHORT, "Mode");
        def.define(CSV_DELIMITER, Type.STRING, ",", new SingleCharacter(), Importance.LOW,
                "CSV: the field delimiter, one character.", GROUP_FORMAT, ++order, Width.SHORT, "CSV delimiter");
        def.define(CSV_NULL, Type.STRING, "\\N", Importance.LOW,
                "CSV: the unquoted field text that means NULL.", GROUP_FORMAT, ++order, Width.SHORT, "CSV NULL text");

        order = 0;
        def.define(PARTITION_WINDOW_TYPE, Type.STRING, PartitionWindow.HOUR.name(), enumValidator(PartitionWindow.class),
                Importance.MEDIUM, "Granularity of the pt partition value: DAY, HOUR or MINUTE.",
                GROUP_PARTITION, ++order, Width.SHORT, "Partition window");
        def.define(TIME_ZONE, Type.STRING, DEFAULT_TIME_ZONE, new TimeZoneValidator(), Importance.MEDIUM,
                "The time zone the pt value is computed in, e.g. GMT+08:00 or Europe/Berlin.",
                GROUP_PARTITION, ++order, Width.SHORT, "Time zone");
        def.define(PARTITION_TIME_SOURCE, Type.STRING, PartitionTimeSource.RECORD_TIME.name(),
                enumValidator(PartitionTimeSource.class), Importance.MEDIUM,
                "The clock for pt: RECORD_TIME (the Kafka timestamp; replays land in the same partition) or WRITE_TIME.",
                GROUP_PARTITION, ++order, Width.SHORT, "Partition clock");
        def.define(PARTITION_VALUE_STYLE, Type.STRING, PartitionValueStyle.SEED.name(),
                enumValidator(PartitionValueStyle.class), Importance.LOW,
                "How pt is spelled: SEED (MM-dd-yyyy HH:mm, as the official connector) or SORTABLE (yyyy-MM-dd HH:mm).",
                GROUP_PARTITION, ++order, Width.SHORT, "Partition value style");

        order = 0;
        def.define(USE_STREAMING, Type.BOOLEAN, false, Importance.MEDIUM,
                "true writes through the streaming Tunnel (rows visible after each flush); false through batch upload sessions.",
                GROUP_WRITE, ++order, Width.SHORT, "Streaming Tunnel");
        def.define(BUFFER_SIZE_KB, Type.INT, 65536, ConfigDef.Range.between(1, 4 * 1024 * 1024), Importance.MEDIUM,
                "The task's write buffer, in KB: reaching it flushes every buffered partition. Batch Tunnel counts the encoded "
                        + "(compressed) rows plus 48 bytes per row; streaming counts the rows and the records kept with them.",
                GROUP_WRITE, ++order, Width.SHORT, "Buffer size (KB)");
        def.define(SINK_POOL_SIZE, Type.INT, 0, ConfigDef.Range.between(0, 1024),
                Importance.MEDIUM, "Threads uploading blocks in parallel (per task); 0 means one per CPU core.",
                GROUP_WRITE, ++order, Width.SHORT, "Upload threads");
        def.define(RECORD_BATCH_SIZE, Type.INT, 8000, ConfigDef.Range.between(1, 10_000_000), Importance.MEDIUM,
                "The most records in one uploaded block (batch) or record pack (streaming).",
                GROUP_WRITE, ++order, Width.SHORT, "Records per block");
        def.define(FLUSH_INTERVAL_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(10), Importance.MEDIUM,
                "The longest a record waits in the buffer before a flush, in milliseconds.",
                GROUP_WRITE, ++order, Width.SHORT, "Flush interval (ms)");
        def.define(TUNNEL_COMPRESSION, Type.STRING, TunnelCompression.DEFLATE.name(), enumValidator(TunnelCompression.class),
                Importance.LOW, "Compression of the upload stream: NONE, DEFLATE, SNAPPY, LZ4 or ZSTD.",
                GROUP_WRITE, ++order, Width.SHORT, "Compression");
        def.define(WRITE_RETRIES, Type.INT, 5, ConfigDef.Range.between(0, 100), Importance.LOW,
                "How often a failed block, commit or pack flush is retried before the task fails.",
                GROUP_WRITE, ++order, Width.SHORT, "Write retries");
        def.define(WRITE_RETRY_BACKOFF_MS, Type.LONG, 1000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "The first wait before a retry, in milliseconds; it doubles up to 30 s.",
                GROUP_WRITE, ++order, Width.SHORT, "Retry backoff (ms)");

        order = 0;
        def.define(SKIP_ERROR, Type.BOOLEAN, false, Importance.MEDIUM,
                "true: a record that cannot be written is skipped (logged with its coordinates and reason) instead of failing the task.",
                GROUP_ERRORS, ++order, Width.SHORT, "Skip errors");
        def.define(ERROR_TOPIC_NAME, Type.STRING, "", Importance.MEDIUM,
                "A Kafka topic that receives records that cannot be written (original bytes, reason in headers).",
                GROUP_ERRORS, ++order, Width.MEDIUM, "Error topic");
        def.define(ERROR_TOPIC_BOOTSTRAP_SERVERS, Type.STRING, "", Importance.MEDIUM,
                "Bootstrap servers of the Kafka cluster that holds the error topic (host:port,...).",
                GROUP_ERRORS, ++order, Width.LONG, "Error topic bootstrap servers");
        return def;
    }

    private static <E extends Enum<E>> ConfigDef.Validator enumValidator(Class<E> type) {
        return Validators.caseInsensitiveEnum(type);
    }

    private <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        return Validators.caseInsensitiveEnum(type).parse(key, getString(key));
    }

    public String endpoint() { return getString(ENDPOINT).trim(); }
    public String tunnelEndpoint() { return getString(TUNNEL_ENDPOINT).trim(); }
    public String project() { return getString(PROJECT).trim(); }
    public String schema() { return getString(SCHEMA).trim(); }
    public String table() { return getString(TABLE).trim(); }

    public AccountType accountType() { return enumValue(ACCOUNT_TYPE, AccountType.class); }
    public String accessId() { return getString(ACCESS_ID).trim(); }
    public Password accessKey() { return getPassword(ACCESS_KEY); }
    public String accountId() { return getString(ACCOUNT_ID).trim(); }
    public String regionId() { return getString(REGION_ID).trim(); }
    public String roleName() { return getString(ROLE_NAME).trim(); }
    public String stsEndpoint() { return getString(STS_ENDPOINT).trim(); }
    public long clientTimeoutMs() { return getLong(CLIENT_TIMEOUT_MS); }

    public RecordFormat format() { return enumValue(FORMAT, RecordFormat.class); }
    public RecordMode mode() { return enumValue(MODE, RecordMode.class); }
    public char csvDelimiter() { return getString(CSV_DELIMITER).charAt(0); }
    public String csvNullValue() { return getString(CSV_NULL); }

    public PartitionWindow partitionWindow() { return enumValue(PARTITION_WINDOW_TYPE, PartitionWindow.class); }
    public ZoneId timeZone() { return TimeZoneValidator.parse(getString(TIME_ZONE)); }
    public PartitionTimeSource partitionTimeSource() { return enumValue(PARTITION_TIME_SOURCE, PartitionTimeSource.class); }
    public PartitionValueStyle partitionValueStyle() { return enumValue(PARTITION_VALUE_STYLE, PartitionValueStyle.class); }

    public boolean useStreaming() { return getBoolean(USE_STREAMING); }
    public long bufferSizeBytes() { return getInt(BUFFER_SIZE_KB) * 1024L; }
    public int sinkPoolSize() {
        int size = getInt(SINK_POOL_SIZE);
        return size > 0 ? size : Runtime.getRuntime().availableProcessors();
    }
    public int recordBatchSize() { return getInt(RECORD_BATCH_SIZE); }
    public long flushIntervalMs() { return getLong(FLUSH_INTERVAL_MS); }
    public TunnelCompression tunnelCompression() { return enumValue(TUNNEL_COMPRESSION, TunnelCompression.class); }
    public int writeRetries() { return getInt(WRITE_RETRIES); }
    public long writeRetryBackoffMs() { return getLong(WRITE_RETRY_BACKOFF_MS); }

    public boolean skipError() { return getBoolean(SKIP_ERROR); }
    public String errorTopicName() { return getString(ERROR_TOPIC_NAME).trim(); }
    public boolean hasErrorTopic() { return !errorTopicName().isEmpty(); }

    /** Bootstrap servers of the error topic; a scheme such as "http://" (seed 003's example) is dropped. */
    public String errorTopicBootstrapServers() {
        return getString(ERROR_TOPIC_BOOTSTRAP_SERVERS).trim().replaceAll("(?i)\\b[a-z][a-z0-9+.-]*://", "");
    }

    /** One-character strings only. */
    static final class SingleCharacter implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || ((String) value).length() != 1) {
                throw new ConfigException(name, value, "must be exactly one character");
            }
        }

        @Override
        public String toString() {
            return "one character";
        }
    }

    /** Zone ids such as GMT+08:00, UTC+8, Asia/Shanghai; seed 002 writes "GMT 08:00", which is read as GMT+08:00. */
    static final class TimeZoneValidator implements ConfigDef.Validator {
        static ZoneId parse(String value) {
            String zone = value.trim();
            if (zone.matches("(?i)(GMT|UTC) \\d{1,2}(:\\d{2})?")) {
                zone = zone.substring(0, 3) + "+" + zone.substring(4);
            }
            return ZoneId.of(zone);
        }

        @Override
        public void ensureValid(String name, Object value) {
            try {
                parse((String) value);
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "is not a time zone; use e.g. GMT+08:00, UTC or Asia/Shanghai");
            }
        }

        @Override
        public String toString() {
            return "a time zone id, e.g. GMT+08:00";
        }
    }
}
