package io.sinkline.tablestore.config;

import io.sinkline.core.config.ConfigDocs;

/** docs/configuration.md: the ConfigDef's keys, then the per-table keys that a ConfigDef cannot declare. */
public final class ConfigurationDoc {
    private ConfigurationDoc() {
    }

    public static String markdown() {
        return "# sinkline-tablestore configuration\n\n"
                + "Generated from `TablestoreSinkConfig.configDef()` and `ConfigurationDoc` (do not edit by hand; "
                + "regenerate with `mvn -pl sinkline-tablestore verify -Dtest=ConfigurationDocTest -Dsinkline.docs.write=true`).\n"
                + "The official connector's keys (aliyun/kafka-connect-tablestore) are accepted exactly as written.\n\n"
                + ConfigDocs.markdown(TablestoreSinkConfig.configDef())
                + PER_TABLE;
    }

    private static final String PER_TABLE = """
            ### Per-table keys

            `<table>` is the destination table name (after `topics.assign.tables` / `table.name.format`).
            Lists are comma-separated; commas inside brackets, parentheses and quotes belong to the item.

            | Key | Description |
            | --- | --- |
            | `tablestore.<table>.primarykey.name` | Primary-key column names (record_key, record_value and jsonpath modes; ignored in kafka mode, whose key is `topic_partition`, `offset`). |
            | `tablestore.<table>.primarykey.type` | One type per name: string, integer or binary. |
            | `tablestore.<table>.primarykey.jsonpath` | One JSONPath rule per name (primarykey.mode=jsonpath), e.g. `$.data.topic,$.data.partition,$.data.offset`. |
            | `tablestore.<table>.columns.whitelist.name` | Attribute columns to write; empty: every field of the value except the primary-key fields. |
            | `tablestore.<table>.columns.whitelist.type` | One type per whitelisted column: string, integer, double, boolean or binary. |
            | `tablestore.<table>.columns.jsonpath` | One JSONPath rule per whitelisted column, e.g. `$.data.key,$.data.value.price`. |
            | `tablestore.timeseries.<table>.measurement` | Value field holding the measurement name, or `<topic>`. |
            | `tablestore.timeseries.<table>.dataSource` | Value field holding the data source (optional). |
            | `tablestore.timeseries.<table>.tags` | Value fields written as tags. |
            | `tablestore.timeseries.<table>.time` | Value field holding the time (an integer). |
            | `tablestore.timeseries.<table>.time.unit` | SECONDS, MILLISECONDS (default), MICROSECONDS or NANOSECONDS. |
            | `tablestore.timeseries.<table>.field.name` | Fields written with a declared type (with mapAll, the other fields keep their own types). |
            | `tablestore.timeseries.<table>.field.type` | One type per field: string, integer, double, boolean or binary. |

            ### Prefixed keys

            | Prefix | Description |
            | --- | --- |
            | `runtime.error.producer.` | Settings of the error-topic producer (runtime.error.mode=kafka), e.g. `runtime.error.producer.security.protocol`, `runtime.error.producer.max.request.size`. |
            """;
}
