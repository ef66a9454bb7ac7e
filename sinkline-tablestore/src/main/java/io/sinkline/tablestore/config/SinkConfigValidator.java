package io.sinkline.tablestore.config;

import io.sinkline.core.filter.EventPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * The checks that need more than one key: each problem is reported against the key at fault
 * (e.g. a delete mode with kafka primary keys is reported on {@code delete.mode}).
 */
public final class SinkConfigValidator {
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private SinkConfigValidator() {
    }

    /** @return key → messages; empty when the configuration is consistent */
    public static Map<String, List<String>> validate(Map<String, String> props) {
        SinkConfigValidator v = new SinkConfigValidator();
        v.check(props);
        return v.errors;
    }

    private void error(String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private void check(Map<String, String> props) {
        TablestoreSinkConfig config;
        try {
            config = new TablestoreSinkConfig(props);
        } catch (ConfigException e) {
            return; // single-key errors are reported by ConfigDef.validate
        }
        TablestoreMode mode = config.tablestoreMode();
        PrimaryKeyMode pkMode = config.primaryKeyMode();
        OperationMode operation = config.operationMode();
        DeleteMode deleteMode = config.deleteMode();

        if (!TablestoreSinkConfig.OFFICIAL_EVENT_PARSER.equals(props.getOrDefault(TablestoreSinkConfig.EVENT_PARSE_CLASS,
                TablestoreSinkConfig.OFFICIAL_EVENT_PARSER))) {
            error(TablestoreSinkConfig.EVENT_PARSE_CLASS, "only " + TablestoreSinkConfig.OFFICIAL_EVENT_PARSER
                    + " is supported; use primarykey.mode=jsonpath for custom extraction");
        }
        if (config.authMode() == AuthMode.AKSK) {
            if (config.accessKeyId().isBlank()) {
                error(TablestoreSinkConfig.ACCESS_KEY_ID, "is required when tablestore.auth.mode=aksk");
            }
            if (config.accessKeySecret().value().isEmpty()) {
                error(TablestoreSinkConfig.ACCESS_KEY_SECRET, "is required when tablestore.auth.mode=aksk");
            }
        } else {
            for (String key : List.of(TablestoreSinkConfig.STS_REGION, TablestoreSinkConfig.STS_ACCOUNT_ID,
                    TablestoreSinkConfig.STS_ROLE_NAME, TablestoreSinkConfig.STS_ENDPOINT)) {
                if (config.getString(key).isBlank()) {
                    error(key, "is required when tablestore.auth.mode=sts");
                }
            }
        }
        if (mode == TablestoreMode.NORMAL && pkMode == PrimaryKeyMode.KAFKA) {
            if (deleteMode != DeleteMode.NONE) {
                error(TablestoreSinkConfig.DELETE_MODE, "delete.mode=" + deleteMode.name().toLowerCase()
                        + " cannot be used with primarykey.mode=kafka: a delete never addresses an existing row by offset");
            }
            if (operation == OperationMode.DELETE) {
                error(TablestoreSinkConfig.INSERT_MODE, "insert.mode=delete cannot be used with primarykey.mode=kafka");
            }
        }
        if (!config.filterPattern().isBlank()) {
            try {
                EventPattern.parse(config.filterPattern());
            } catch (IllegalArgumentException e) {
                error(TablestoreSinkConfig.FILTER_PATTERN, e.getMessage());
            }
        }
        checkErrorDestination(config);
        try {
            config.retryPolicy();
        } catch (IllegalArgumentException e) {
            error(TablestoreSinkConfig.RETRY_MIN_DELAY_MS, e.getMessage());
        }
        TableNameResolver names;
        try {
            names = config.tableNames();
        } catch (ConfigException e) {
            error(TablestoreSinkConfig.TOPICS_ASSIGN_TABLES, e.getMessage());
            return;
        }
        for (String table : tables(config, names)) {
            if (mode == TablestoreMode.TIMESERIES) {
                checkTimeseries(props, table);
            } else {
                checkTable(props, table, pkMode);
            }
        }
    }

    private void checkErrorDestination(TablestoreSinkConfig config) {
        switch (config.errorMode()) {
            case KAFKA -> {
                if (config.errorTopic().isBlank()) {
                    error(TablestoreSinkConfig.ERROR_TOPIC_NAME, "is required when runtime.error.mode=kafka");
                }
                if (config.errorBootstrapServers().isBlank()) {
                    error(TablestoreSinkConfig.ERROR_BOOTSTRAP_SERVERS, "is required when runtime.error.mode=kafka");
                }
            }
            case TABLESTORE -> {
                if (config.errorTable().isBlank()) {
                    error(TablestoreSinkConfig.ERROR_TABLE_NAME, "is required when runtime.error.mode=tablestore");
                }
            }
            default -> { }
        }
    }

    private static Set<String> tables(TablestoreSinkConfig config, TableNameResolver names) {
        Set<String> tables = new LinkedHashSet<>();
        for (String topic : config.topics()) {
            tables.add(names.tableFor(topic));
        }
        return tables;
    }

    private void checkTable(Map<String, String> props, String table, PrimaryKeyMode pkMode) {
        TableMapping mapping;
        try {
            mapping = TableMapping.from(props, table);
        } catch (ConfigException e) {
            error(keyOf(e, TableMapping.primaryKeyNameKey(table)), e.getMessage());
            return;
        }
        if (pkMode != PrimaryKeyMode.KAFKA && mapping.primaryKey().isEmpty()) {
            error(TableMapping.primaryKeyNameKey(table), "is required with primarykey.mode="
                    + pkMode.name().toLowerCase() + " (table '" + table + "')");
        }
        if (pkMode == PrimaryKeyMode.JSONPATH) {
            if (mapping.primaryKey().stream().anyMatch(c -> c.path() == null)) {
                error(TableMapping.primaryKeyJsonPathKey(table), "is required with primarykey.mode=jsonpath");
            }
            if (mapping.hasWhitelist() && mapping.columns().stream().anyMatch(c -> c.path() == null)) {
                error(TableMapping.columnsJsonPathKey(table), "is required for the whitelisted columns with primarykey.mode=jsonpath");
            }
        } else if (props.containsKey(TableMapping.primaryKeyJsonPathKey(table))) {
            error(TableMapping.primaryKeyJsonPathKey(table), "JSONPath rules need primarykey.mode=jsonpath");
        }
    }

    private void checkTimeseries(Map<String, String> props, String table) {
        try {
            TimeseriesTableMapping.from(props, table);
        } catch (ConfigException e) {
            error(keyOf(e, TimeseriesTableMapping.key(table, "measurement")), e.getMessage());
        }
    }

    /** ConfigException's message starts with "Invalid value X for configuration KEY: ..."; recover KEY. */
    private static String keyOf(ConfigException e, String fallback) {
        String message = e.getMessage();
        String marker = " for configuration ";
        int start = message == null ? -1 : message.indexOf(marker);
        if (start < 0) {
            return fallback;
        }
        int end = message.indexOf(':', start + marker.length());
        return end < 0 ? fallback : message.substring(start + marker.length(), end);
    }
}
