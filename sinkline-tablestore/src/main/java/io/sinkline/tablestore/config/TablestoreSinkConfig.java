package io.sinkline.tablestore.config;

import io.sinkline.core.config.Validators;
import io.sinkline.core.errors.ErrorTolerance;
import io.sinkline.core.errors.RetryPolicy;
import io.sinkline.core.record.PayloadFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the Tablestore sink. The keys of the official connector
 * (aliyun/kafka-connect-tablestore) are accepted exactly as written; seed 000's options
 * (payload format, JSONPath rules, batch messages/interval, retry policy, event-pattern filter)
 * are added under their own keys. Per-table keys ({@code tablestore.<table>.…}) are read by
 * {@link TableMapping} and {@link TimeseriesTableMapping}.
 */
public final class TablestoreSinkConfig extends AbstractConfig {
    // Connection
    public static final String ENDPOINT = "tablestore.endpoint";
    public static final String INSTANCE_NAME = "tablestore.instance.name";
    public static final String AUTH_MODE = "tablestore.auth.mode";
    public static final String ACCESS_KEY_ID = "tablestore.access.key.id";
    public static final String ACCESS_KEY_SECRET = "tablestore.access.key.secret";
    public static final String STS_REGION = "region";
    public static final String STS_ACCOUNT_ID = "account.id";
    public static final String STS_ROLE_NAME = "role.name";
    public static final String STS_ENDPOINT = "sts.endpoint";
    public static final String STS_ACCESS_KEY_ID = "sts.access.key.id";
    public static final String STS_ACCESS_KEY_SECRET = "sts.access.key.secret";
    public static final String STS_SESSION_SECONDS = "sts.session.duration.seconds";
    public static final String CLIENT_TIMEOUT_MS = "client.time.out.ms";
    // Tables
    public static final String TABLESTORE_MODE = "tablestore.mode";
    public static final String TABLE_NAME_FORMAT = "table.name.format";
    public static final String TOPICS_ASSIGN_TABLES = "topics.assign.tables";
    public static final String AUTO_CREATE = "auto.create";
    // Data mapping
    public static final String EVENT_PARSE_CLASS = "event.parse.class";
    public static final String PRIMARY_KEY_MODE = "primarykey.mode";
    public static final String PAYLOAD_FORMAT = "payload.format";
    public static final String JSONPATH_DOCUMENT = "jsonpath.document";
    public static final String INSERT_MODE = "insert.mode";
    public static final String DELETE_MODE = "delete.mode";
    public static final String FILTER_PATTERN = "filter.pattern";
    // Write
    public static final String INSERT_ORDER_ENABLE = "insert.order.enable";
    public static final String BUFFER_SIZE = "buffer.size";
    public static final String MAX_THREAD_COUNT = "max.thread.count";
    public static final String MAX_CONCURRENCY = "max.concurrency";
    public static final String BUCKET_COUNT = "bucket.count";
    public static final String FLUSH_INTERVAL = "flush.Interval";
    public static final String BATCH_MAX_ROWS = "batch.max.rows";
    public static final String BATCH_MAX_BYTES = "batch.max.bytes";
    public static final String BATCH_MESSAGES = "batch.messages";
    public static final String BATCH_INTERVAL_SECONDS = "batch.interval.seconds";
    // Errors
    public static final String ERROR_TOLERANCE = "runtime.error.tolerance";
    public static final String ERROR_MODE = "runtime.error.mode";
    public static final String ERROR_BOOTSTRAP_SERVERS = "runtime.error.bootstrap.servers";
    public static final String ERROR_TOPIC_NAME = "runtime.error.topic.name";
    public static final String ERROR_TABLE_NAME = "runtime.error.table.name";
    /** Prefix of settings passed to the error-topic producer, e.g. runtime.error.producer.security.protocol. */
    public static final String ERROR_PRODUCER_PREFIX = "runtime.error.producer.";
    public static final String RETRY_POLICY = "retry.policy";
    public static final String RETRY_MAX_RETRIES = "retry.max.retries";
    public static final String RETRY_MIN_DELAY_MS = "retry.backoff.min.ms";
    public static final String RETRY_MAX_DELAY_MS = "retry.backoff.max.ms";
    public static final String RETRY_MAX_ELAPSED_MS = "retry.max.elapsed.ms";
    // Time series
    public static final String TIMESERIES_MAP_ALL = "tablestore.timeseries.mapAll";
    public static final String TIMESERIES_TO_LOWER_CASE = "tablestore.timeseries.toLowerCase";
    public static final String TIMESERIES_ROWS_PER_BATCH = "tablestore.timeseries.rowsPerBatch";

    public static final String OFFICIAL_EVENT_PARSER = "com.aliyun.tablestore.kafka.connect.parsers.DefaultEventParser";
    public static final int MAX_ROWS_PER_BATCH = 200;
    public static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private static final String CONNECTION = "Connection";
    private static final String TABLES = "Tables";
    private static final String MAPPING = "Data mapping";
    private static final String WRITE = "Write";
    private static final String ERRORS = "Errors";
    private static final String TIMESERIES = "Time series";

    public TablestoreSinkConfig(Map<String, ?> props) {
        super(configDef(), props);
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int[] order = {0};
        Definer d = (name, type, dflt, validator, importance, doc, group) ->
                def.define(name, type, dflt, validator, importance, doc, group, ++order[0], Width.MEDIUM, name);

        d.define(ENDPOINT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new HttpUrl(), Importance.HIGH,
                "Tablestore endpoint, e.g. https://myinstance.cn-hangzhou.ots.aliyuncs.com.", CONNECTION);
        d.define(INSTANCE_NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.nonBlank(), Importance.HIGH,
                "Tablestore instance name.", CONNECTION);
        d.define(AUTH_MODE, Type.STRING, "aksk", Validators.caseInsensitiveEnum(AuthMode.class),
                Importance.HIGH, "Authentication: aksk (an AccessKey pair) or sts (AssumeRole, refreshed before expiry).", CONNECTION);
        d.define(ACCESS_KEY_ID, Type.STRING, "", null, Importance.HIGH,
                "AccessKey ID (auth mode aksk).", CONNECTION);
        d.define(ACCESS_KEY_SECRET, Type.PASSWORD, "", null, Importance.HIGH,
                "AccessKey secret (auth mode aksk); works with ConfigProviders such as ${file:...}.", CONNECTION);
        d.define(STS_REGION, Type.STRING, "", null, Importance.MEDIUM,
                "Region of the role to assume (auth mode sts).", CONNECTION);
        d.define(STS_ACCOUNT_ID, Type.STRING, "", null, Importance.MEDIUM,
                "Account ID that owns the role (auth mode sts).", CONNECTION);
        d.define(STS_ROLE_NAME, Type.STRING, "", null, Importance.MEDIUM,
                "RAM role name to assume (auth mode sts).", CONNECTION);
        d.define(STS_ENDPOINT, Type.STRING, "", Validators.optional(new HttpUrl()), Importance.MEDIUM,
                "STS endpoint (auth mode sts), e.g. https://sts.cn-hangzhou.aliyuncs.com.", CONNECTION);
        d.define(STS_ACCESS_KEY_ID, Type.STRING, "", null, Importance.MEDIUM,
                "AccessKey ID that calls AssumeRole (auth mode sts); empty: the ACCESS_ID environment variable.", CONNECTION);
        d.define(STS_ACCESS_KEY_SECRET, Type.PASSWORD, "", null, Importance.MEDIUM,
                "AccessKey secret that calls AssumeRole (auth mode sts); empty: the ACCESS_KEY environment variable.", CONNECTION);
        d.define(STS_SESSION_SECONDS, Type.INT, 3600, ConfigDef.Range.between(900, 43200), Importance.LOW,
                "Lifetime of assumed-role credentials; they are refreshed well before expiry.", CONNECTION);
        d.define(CLIENT_TIMEOUT_MS, Type.INT, 60000, ConfigDef.Range.atLeast(1000), Importance.LOW,
                "Socket and connection timeout of the Tablestore client, in milliseconds.", CONNECTION);

        d.define(TABLESTORE_MODE, Type.STRING, "normal",
                Validators.caseInsensitiveEnum(TablestoreMode.class), Importance.MEDIUM,
                "Destination table kind: normal (data tables) or timeseries (time-series tables).", TABLES);
        d.define(TABLE_NAME_FORMAT, Type.STRING, "<topic>", Validators.nonBlank(), Importance.MEDIUM,
                "Destination table name; <topic> is replaced by the record's topic, e.g. kafka_<topic>.", TABLES);
        d.define(TOPICS_ASSIGN_TABLES, Type.LIST, "", Validators.pairs("topic", "table"), Importance.MEDIUM,
                "Explicit topic:table pairs, e.g. orders:t_orders,users:t_users; they win over table.name.format.", TABLES);
        d.define(AUTO_CREATE, Type.BOOLEAN, false, null, Importance.MEDIUM,
                "Create a missing destination table from the configured primary key and whitelist.", TABLES);

        d.define(EVENT_PARSE_CLASS, Type.STRING, OFFICIAL_EVENT_PARSER, null, Importance.LOW,
                "Accepted for compatibility with the official connector; only its default parser is supported.", MAPPING);
        d.define(PRIMARY_KEY_MODE, Type.STRING, "kafka",
                Validators.caseInsensitiveEnum(PrimaryKeyMode.class), Importance.HIGH,
                "Primary key source: kafka (topic_partition, offset), record_key, record_value or jsonpath.", MAPPING);
        d.define(PAYLOAD_FORMAT, Type.STRING, "json",
                Validators.caseInsensitiveEnum(PayloadFormat.class), Importance.MEDIUM,
                "Seed 000's data format for JSONPath rules and filters: json, text or binary (Base64).", MAPPING);
        d.define(JSONPATH_DOCUMENT, Type.STRING, "envelope",
                ConfigDef.CaseInsensitiveValidString.in("envelope", "record"), Importance.MEDIUM,
                "What JSONPath rules read: envelope ($.data.value.x) or record ($.value.x).", MAPPING);
        d.define(INSERT_MODE, Type.STRING, "put",
                Validators.caseInsensitiveEnum(OperationMode.class), Importance.HIGH,
                "Operation: put (replace the row), update (merge columns) or delete (delete the row by key).", MAPPING);
        d.define(DELETE_MODE, Type.STRING, "none",
                Validators.caseInsensitiveEnum(DeleteMode.class), Importance.MEDIUM,
                "Deletes allowed: none, row (tombstones delete rows), column (nulls delete columns in update mode), row_and_column.", MAPPING);
        d.define(FILTER_PATTERN, Type.STRING, "", null, Importance.MEDIUM,
                "An event pattern (EventBridge syntax, JSON); records that do not match are skipped. Empty: write all.", MAPPING);

        d.define(INSERT_ORDER_ENABLE, Type.BOOLEAN, true, null, Importance.MEDIUM,
                "Keep the write order of rows with the same primary key, retries included (a key's later rows wait for its row in flight).", WRITE);
        d.define(BUFFER_SIZE, Type.INT, 1024, new PowerOfTwo(), Importance.MEDIUM,
                "Rows of a table collected and not yet sent, per task, before put() waits (a power of two); requests in flight are"
                + " bounded by max.concurrency.", WRITE);
        d.define(MAX_THREAD_COUNT, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
                "Threads per task that encode and send write requests; 0 means processors + 1.", WRITE);
        d.define(MAX_CONCURRENCY, Type.INT, 10, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "Write requests in flight per table.", WRITE);
        d.define(BUCKET_COUNT, Type.INT, 3, ConfigDef.Range.atLeast(1), Importance.LOW,
                "Accepted so that the official connector's configurations work unchanged; no effect: the connector collects"
                + " each table's rows into one batch at a time and sends up to max.concurrency of them in parallel.", WRITE);
        d.define(FLUSH_INTERVAL, Type.INT, 10000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "Longest time a row waits in the buffer, in milliseconds.", WRITE);
        d.define(BATCH_MAX_ROWS, Type.INT, MAX_ROWS_PER_BATCH, ConfigDef.Range.between(1, MAX_ROWS_PER_BATCH),
                Importance.LOW, "Rows per write request (the service allows 200).", WRITE);
        d.define(BATCH_MAX_BYTES, Type.INT, MAX_REQUEST_BYTES, ConfigDef.Range.between(1024, MAX_REQUEST_BYTES),
                Importance.LOW, "Bytes per write request (the service allows 4 MB).", WRITE);
        d.define(BATCH_MESSAGES, Type.INT, null, Validators.optional(ConfigDef.Range.between(1, 10000)), Importance.LOW,
                "Seed 000's Messages (1-10000): rows buffered before a batch goes out; sets buffer.size and batch.max.rows.", WRITE);
        d.define(BATCH_INTERVAL_SECONDS, Type.INT, null, Validators.optional(ConfigDef.Range.between(0, 15)), Importance.LOW,
                "Seed 000's Interval (0-15 s): sets flush.Interval; 0 sends as soon as rows are buffered.", WRITE);

        d.define(ERROR_TOLERANCE, Type.STRING, "none", ConfigDef.CaseInsensitiveValidString.in("none", "all"),
                Importance.HIGH, "none: a bad record fails the task; all: it goes to runtime.error.mode.", ERRORS);
        d.define(ERROR_MODE, Type.STRING, "ignore",
                Validators.caseInsensitiveEnum(ErrorMode.class), Importance.HIGH,
                "Where tolerated bad records go: ignore (log), kafka (a topic), tablestore (a table), dlq (Connect's DLQ).", ERRORS);
        d.define(ERROR_BOOTSTRAP_SERVERS, Type.STRING, "", null, Importance.MEDIUM,
                "Kafka cluster of the error topic (mode kafka).", ERRORS);
        d.define(ERROR_TOPIC_NAME, Type.STRING, "", null, Importance.MEDIUM,
                "Error topic (mode kafka); producer settings go under runtime.error.producer.* (e.g. max.request.size).", ERRORS);
        d.define(ERROR_TABLE_NAME, Type.STRING, "", null, Importance.MEDIUM,
                "Error table (mode tablestore); created when missing.", ERRORS);
        d.define(RETRY_POLICY, Type.STRING, "backoff_retry", new RetryPolicyValidator(), Importance.MEDIUM,
                "Retry of retryable write errors: backoff_retry, exponential_decay_retry or none (seed 000).", ERRORS);
        d.define(RETRY_MAX_RETRIES, Type.INT, -1, ConfigDef.Range.atLeast(-1), Importance.LOW,
                "Retries before a row goes to the error policy; -1: the policy's default (3 or 176).", ERRORS);
        d.define(RETRY_MIN_DELAY_MS, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.LOW,
                "Smallest delay between retries in ms (backoff: 10000, decay: 1000); -1: the policy's default.", ERRORS);
        d.define(RETRY_MAX_DELAY_MS, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.LOW,
                "Largest delay between retries in ms (backoff: 20000, decay: 512000); -1: the policy's default.", ERRORS);
        d.define(RETRY_MAX_ELAPSED_MS, Type.LONG, 86_400_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                "Exponential decay gives up once retries would start later than this after the first failure.", ERRORS);

        d.define(TIMESERIES_MAP_ALL, Type.BOOLEAN, true, null, Importance.MEDIUM,
                "Write every value field that is not measurement, data source, tag or time as a field.", TIMESERIES);
        d.define(TIMESERIES_TO_LOWER_CASE, Type.BOOLEAN, true, null, Importance.MEDIUM,
                "Lower-case field names.", TIMESERIES);
        d.define(TIMESERIES_ROWS_PER_BATCH, Type.INT, 200, ConfigDef.Range.between(1, 200), Importance.LOW,
                "Time-series rows per PutTimeseriesData request.", TIMESERIES);
        return def;
    }

    @FunctionalInterface
    private interface Definer {
        void define(String name, Type type, Object dflt, ConfigDef.Validator validator, Importance importance,
                    String doc, String group);
    }

    // ----- typed accessors -----

    public String endpoint() {
        return getString(ENDPOINT);
    }

    public String instanceName() {
        return getString(INSTANCE_NAME);
    }

    public AuthMode authMode() {
        return Validators.caseInsensitiveEnum(AuthMode.class).parse(AUTH_MODE, getString(AUTH_MODE));
    }

    public String accessKeyId() {
        return getString(ACCESS_KEY_ID);
    }

    public Password accessKeySecret() {
        return getPassword(ACCESS_KEY_SECRET);
    }

    public TablestoreMode tablestoreMode() {
        return Validators.caseInsensitiveEnum(TablestoreMode.class).parse(TABLESTORE_MODE, getString(TABLESTORE_MODE));
    }

    public PrimaryKeyMode primaryKeyMode() {
        return Validators.caseInsensitiveEnum(PrimaryKeyMode.class).parse(PRIMARY_KEY_MODE, getString(PRIMARY_KEY_MODE));
    }

    public PayloadFormat payloadFormat() {
        return Validators.caseInsensitiveEnum(PayloadFormat.class).parse(PAYLOAD_FORMAT, getString(PAYLOAD_FORMAT));
    }

    public boolean jsonPathOverEnvelope() {
        return getString(JSONPATH_DOCUMENT).equalsIgnoreCase("envelope");
    }

    public OperationMode operationMode() {
        return Validators.caseInsensitiveEnum(OperationMode.class).parse(INSERT_MODE, getString(INSERT_MODE));
    }

    public DeleteMode deleteMode() {
        return Validators.caseInsensitiveEnum(DeleteMode.class).parse(DELETE_MODE, getString(DELETE_MODE));
    }

    public String filterPattern() {
        return getString(FILTER_PATTERN);
    }

    public boolean autoCreate() {
        return getBoolean(AUTO_CREATE);
    }

    public TableNameResolver tableNames() {
        return new TableNameResolver(getString(TABLE_NAME_FORMAT), getList(TOPICS_ASSIGN_TABLES));
    }

    public boolean insertOrder() {
        return getBoolean(INSERT_ORDER_ENABLE);
    }

    public int bufferSize() {
        Integer messages = getInt(BATCH_MESSAGES);
        return messages == null ? getInt(BUFFER_SIZE) : Math.max(getInt(BUFFER_SIZE), nextPowerOfTwo(messages));
    }

    public int senderThreads() {
        int threads = getInt(MAX_THREAD_COUNT);
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors() + 1;
    }

    public int maxConcurrency() {
        return getInt(MAX_CONCURRENCY);
    }

    public int bucketCount() {
        return Math.min(getInt(BUCKET_COUNT), maxConcurrency());
    }

    public int flushIntervalMs() {
        Integer seconds = getInt(BATCH_INTERVAL_SECONDS);
        if (seconds == null) {
            return getInt(FLUSH_INTERVAL);
        }
        return seconds == 0 ? 10 : seconds * 1000;
    }

    public int batchMaxRows() {
        Integer messages = getInt(BATCH_MESSAGES);
        int rows = getInt(BATCH_MAX_ROWS);
        return messages == null ? rows : Math.min(rows, messages);
    }

    public int batchMaxBytes() {
        return getInt(BATCH_MAX_BYTES);
    }

    public int clientTimeoutMs() {
        return getInt(CLIENT_TIMEOUT_MS);
    }

    public ErrorTolerance errorTolerance() {
        return ErrorTolerance.parse(ERROR_TOLERANCE, getString(ERROR_TOLERANCE));
    }

    public ErrorMode errorMode() {
        return Validators.caseInsensitiveEnum(ErrorMode.class).parse(ERROR_MODE, getString(ERROR_MODE));
    }

    public String errorBootstrapServers() {
        return getString(ERROR_BOOTSTRAP_SERVERS);
    }

    public String errorTopic() {
        return getString(ERROR_TOPIC_NAME);
    }

    public String errorTable() {
        return getString(ERROR_TABLE_NAME);
    }

    public RetryPolicy retryPolicy() {
        RetryPolicy.Kind kind = RetryKind.parse(RETRY_POLICY, getString(RETRY_POLICY));
        RetryPolicy defaults = RetryPolicy.defaults(kind);
        int retries = getInt(RETRY_MAX_RETRIES) >= 0 ? getInt(RETRY_MAX_RETRIES) : defaults.maxRetries();
        return switch (kind) {
            case NONE -> RetryPolicy.none();
            case BACKOFF -> RetryPolicy.backoff(retries, millis(RETRY_MIN_DELAY_MS, 10_000), millis(RETRY_MAX_DELAY_MS, 20_000));
            case EXPONENTIAL_DECAY -> RetryPolicy.exponentialDecay(millis(RETRY_MIN_DELAY_MS, 1_000),
                    millis(RETRY_MAX_DELAY_MS, 512_000), retries, Duration.ofMillis(getLong(RETRY_MAX_ELAPSED_MS)));
        };
    }

    private Duration millis(String key, long dflt) {
        long value = getLong(key);
        return Duration.ofMillis(value >= 0 ? value : dflt);
    }

    public boolean timeseriesMapAll() {
        return getBoolean(TIMESERIES_MAP_ALL);
    }

    public boolean timeseriesToLowerCase() {
        return getBoolean(TIMESERIES_TO_LOWER_CASE);
    }

    public int timeseriesRowsPerBatch() {
        return getInt(TIMESERIES_ROWS_PER_BATCH);
    }

    public TableMapping tableMapping(String table) {
        return TableMapping.from(originalsStrings(), table);
    }

    public TimeseriesTableMapping timeseriesMapping(String table) {
        return TimeseriesTableMapping.from(originalsStrings(), table);
    }

    public List<String> topics() {
        Object topics = originals().get("topics");
        return topics == null ? List.of() : ConfigDef.parseType("topics", topics, Type.LIST) instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of();
    }

    static int nextPowerOfTwo(int n) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }

    static final class PowerOfTwo implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            int n = (Integer) value;
            if (n < 1 || Integer.bitCount(n) != 1) {
                throw new org.apache.kafka.common.config.ConfigException(name, value, "must be a power of two, e.g. 1024");
            }
        }

        @Override
        public String toString() {
            return "a power of two";
        }
    }

    /** An http(s) URL with a host, as the SDK clients need. */
    static final class HttpUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            try {
                java.net.URI uri = java.net.URI.create(text);
                if (uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                    return;
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
            throw new org.apache.kafka.common.config.ConfigException(name, value,
                    "must be an http:// or https:// URL, e.g. https://myinstance.cn-hangzhou.ots.aliyuncs.com");
        }

        @Override
        public String toString() {
            return "an http(s) URL";
        }
    }

    static final class RetryPolicyValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            RetryKind.parse(name, (String) value);
        }

        @Override
        public String toString() {
            return "[backoff_retry, exponential_decay_retry, none]";
        }
    }
}
