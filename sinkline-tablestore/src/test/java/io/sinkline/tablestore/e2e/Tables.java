package io.sinkline.tablestore.e2e;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.tablestore.TablestoreSinkConnector;
import io.sinkline.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads what the sink wrote, through the official SDK only; and the connector config every test starts from. */
final class Tables {
    private final SyncClient client;
    private final TablestoreEmulator ots;

    Tables(TablestoreEmulator ots) {
        this.ots = ots;
        this.client = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
    }

    SyncClient client() {
        return client;
    }

    Map<String, String> connectorConfig(String topics) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", TablestoreSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topics);
        config.put("tablestore.endpoint", ots.endpoint());
        config.put("tablestore.instance.name", ots.instanceName());
        config.put("tablestore.access.key.id", ots.accessKeyId());
        config.put("tablestore.access.key.secret", ots.accessKeySecret());
        config.put("auto.create", "true");
        config.put("flush.Interval", "200");
        config.put("retry.backoff.min.ms", "100");
        config.put("retry.backoff.max.ms", "300");
        return config;
    }

    /** Every row of a table, in primary-key order. */
    List<Row> rows(String table) {
        TableMeta meta;
        try {
            meta = client.describeTable(new DescribeTableRequest(table)).getTableMeta();
        } catch (TableStoreException e) {
            if ("OTSObjectNotExist".equals(e.getErrorCode())) {
                return List.of();
            }
            throw e;
        }
        PrimaryKeyBuilder start = PrimaryKeyBuilder.createPrimaryKeyBuilder();
        PrimaryKeyBuilder end = PrimaryKeyBuilder.createPrimaryKeyBuilder();
        for (PrimaryKeySchema column : meta.getPrimaryKeyList()) {
            start.addPrimaryKeyColumn(column.getName(), PrimaryKeyValue.INF_MIN);
            end.addPrimaryKeyColumn(column.getName(), PrimaryKeyValue.INF_MAX);
        }
        List<Row> rows = new ArrayList<>();
        PrimaryKey next = start.build();
        while (next != null) {
            RangeRowQueryCriteria criteria = new RangeRowQueryCriteria(table);
            criteria.setInclusiveStartPrimaryKey(next);
            criteria.setExclusiveEndPrimaryKey(end.build());
            criteria.setMaxVersions(1);
            criteria.setLimit(5000);
            GetRangeResponse response = client.getRange(new GetRangeRequest(criteria));
            rows.addAll(response.getRows());
            next = response.getNextStartPrimaryKey();
        }
        return rows;
    }

    List<Row> awaitRows(String table, int count, Duration timeout) {
        return Await.until("table " + table + " has " + count + " rows", timeout, () -> {
            List<Row> rows = rows(table);
            return rows.size() >= count ? rows : null;
        }, () -> "table " + table + " has " + rows(table).size() + " rows");
    }

    /** Waits until the table holds exactly this many rows and stays so for a moment (deletes land). */
    List<Row> awaitExactly(String table, int count, Duration timeout) {
        return Await.until("table " + table + " has exactly " + count + " rows", timeout, () -> {
            List<Row> rows = rows(table);
            return rows.size() == count ? rows : null;
        }, () -> "table " + table + " has " + rows(table).size() + " rows");
    }

    /** Waits until the rows satisfy a condition; returns them. */
    List<Row> awaitRows(String table, String what, java.util.function.Predicate<List<Row>> condition, Duration timeout) {
        return Await.until("table " + table + ": " + what, timeout, () -> {
            List<Row> rows = rows(table);
            return condition.test(rows) ? rows : null;
        }, () -> "table " + table + " holds " + rows(table).stream().map(Tables::describe).toList());
    }

    static Map<Object, Map<String, Object>> byKey(List<Row> rows, String pk) {
        Map<Object, Map<String, Object>> map = new java.util.LinkedHashMap<>();
        rows.forEach(r -> map.put(pk(r, pk), columns(r)));
        return map;
    }

    static String describe(Row row) {
        return row.getPrimaryKey() + " " + columns(row);
    }

    /** The partition's log end offset. */
    static long endOffset(io.sinkline.testing.KafkaConnectHarness kafka, org.apache.kafka.common.TopicPartition tp) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .partitionResult(tp).get().offset();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end offset of " + tp, e);
        }
    }

    void create(String table, Map<String, PrimaryKeyType> primaryKey) {
        TableMeta meta = new TableMeta(table);
        primaryKey.forEach(meta::addPrimaryKeyColumn);
        client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
    }

    static Map<String, Object> columns(Row row) {
        Map<String, Object> map = new HashMap<>();
        for (var column : row.getColumns()) {
            map.put(column.getName(), column.getValue().getValue());
        }
        return map;
    }

    static Object pk(Row row, String name) {
        var value = row.getPrimaryKey().getPrimaryKeyColumn(name).getValue();
        return switch (value.getType()) {
            case INTEGER -> value.asLong();
            case BINARY -> value.asBinary();
            default -> value.asString();
        };
    }

    void close() {
        client.shutdown();
    }
}
