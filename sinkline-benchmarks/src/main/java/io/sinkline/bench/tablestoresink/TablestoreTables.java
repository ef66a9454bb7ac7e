package io.sinkline.bench.tablestoresink;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.DeleteTableRequest;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.sinkline.bench.sink.SampleTopic;

/**
 * The benchmark's Tablestore tables, created and counted through the SDK. Both use the
 * connector's {@code kafka} primary key: {@code topic_partition} (string "topic_partition")
 * and {@code offset} (integer).
 */
final class TablestoreTables {

    static final String TOPIC_PARTITION = "topic_partition";
    static final String OFFSET = "offset";

    private final SyncClient client;

    TablestoreTables(SyncClient client) {
        this.client = client;
    }

    void drop(String table) {
        client.deleteTable(new DeleteTableRequest(table));
    }

    void create(String table) {
        TableMeta meta = new TableMeta(table);
        meta.addPrimaryKeyColumn(TOPIC_PARTITION, PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn(OFFSET, PrimaryKeyType.INTEGER);
        client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
    }

    static PrimaryKey primaryKey(SampleTopic topic, int partition, long offset) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn(TOPIC_PARTITION, PrimaryKeyValue.fromString(topic.name() + "_" + partition))
                .addPrimaryKeyColumn(OFFSET, PrimaryKeyValue.fromLong(offset))
                .build();
    }

    /** Reads partition {@code partition}'s rows from offset {@code from} on and returns the first offset not found. */
    long firstMissingOffset(String table, SampleTopic topic, int partition, long from) {
        long expected = from;
        PrimaryKey start = primaryKey(topic, partition, from);
        PrimaryKey end = PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn(TOPIC_PARTITION, PrimaryKeyValue.fromString(topic.name() + "_" + partition))
                .addPrimaryKeyColumn(OFFSET, PrimaryKeyValue.INF_MAX)
                .build();
        while (start != null) {
            RangeRowQueryCriteria criteria = new RangeRowQueryCriteria(table);
            criteria.setInclusiveStartPrimaryKey(start);
            criteria.setExclusiveEndPrimaryKey(end);
            criteria.setMaxVersions(1);
            criteria.setLimit(5000);
            criteria.addColumnsToGet("id"); // one small column: the count needs only the keys
            GetRangeResponse response = client.getRange(new GetRangeRequest(criteria));
            for (Row row : response.getRows()) {
                if (row.getPrimaryKey().getPrimaryKeyColumn(OFFSET).getValue().asLong() != expected) {
                    return expected;
                }
                expected++;
            }
            start = response.getNextStartPrimaryKey();
        }
        return expected;
    }
}
