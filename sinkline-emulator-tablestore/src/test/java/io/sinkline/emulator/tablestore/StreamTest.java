package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.sinkline.emulator.tablestore.TableAndRowTest.pk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamTest {
    static final MovableClock clock = new MovableClock();
    @RegisterExtension
    static final EmulatorExtension ots = new EmulatorExtension(TablestoreEmulatorOptions.builder().clock(clock).build());

    static String createStreamTable(String name) {
        TableMeta meta = new TableMeta(name);
        meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("seq", PrimaryKeyType.INTEGER);
        CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, 3));
        req.setStreamSpecification(new StreamSpecification(true, 24));
        ots.client().createTable(req);
        DescribeTableResponse d = ots.client().describeTable(new DescribeTableRequest(name));
        assertThat(d.getStreamDetails().isEnableStream()).isTrue();
        List<Stream> streams = ots.client().listStream(new ListStreamRequest(name)).getStreams();
        assertThat(streams).hasSize(1);
        assertThat(streams.get(0).getStreamId()).isEqualTo(d.getStreamDetails().getStreamId());
        return streams.get(0).getStreamId();
    }

    @Test
    void recordsPutUpdateAndDeleteWithColumnOperations() {
        String streamId = createStreamTable("stream_ops");
        long ts = clock.millis() - 1000;
        RowPutChange put = new RowPutChange("stream_ops", pk("a", 1));
        put.addColumn("c1", ColumnValue.fromString("v1"), ts);
        put.addColumn("c2", ColumnValue.fromLong(2), ts);
        ots.client().putRow(new PutRowRequest(put));
        RowUpdateChange update = new RowUpdateChange("stream_ops", pk("a", 1));
        update.put("c3", ColumnValue.fromBoolean(true));
        update.deleteColumn("c1", ts);
        update.deleteColumns("c2");
        ots.client().updateRow(new UpdateRowRequest(update));
        ots.client().deleteRow(new DeleteRowRequest(new RowDeleteChange("stream_ops", pk("a", 1))));

        List<StreamShard> shards = ots.client().describeStream(new DescribeStreamRequest(streamId)).getShards();
        assertThat(shards).hasSize(1);
        List<StreamRecord> records = readShard(streamId, shards.get(0).getShardId()).records;
        assertThat(records).extracting(StreamRecord::getRecordType)
                .containsExactly(StreamRecord.RecordType.PUT, StreamRecord.RecordType.UPDATE, StreamRecord.RecordType.DELETE);
        StreamRecord p = records.get(0);
        assertThat(p.getPrimaryKey()).isEqualTo(pk("a", 1));
        assertThat(p.getColumns()).extracting(c -> c.getColumn().getName()).containsExactlyInAnyOrder("c1", "c2");
        assertThat(p.getColumns()).allMatch(c -> c.getColumnType() == RecordColumn.ColumnType.PUT && c.getColumn().getTimestamp() == ts);
        StreamRecord u = records.get(1);
        assertThat(u.getColumns()).extracting(c -> c.getColumn().getName() + ":" + c.getColumnType())
                .containsExactly("c3:PUT", "c1:DELETE_ONE_VERSION", "c2:DELETE_ALL_VERSION");
        assertThat(records.get(2).getColumns()).isEmpty();
        assertThat(records).extracting(r -> r.getSequenceInfo().getTimestamp()).isSorted();
        assertThat(records.get(0).getSequenceInfo().getRowIndex()).isLessThan(records.get(1).getSequenceInfo().getRowIndex());
    }

    @Test
    void readsEveryRecordAcrossASplitAndAMergeInLineageOrder() {
        String streamId = createStreamTable("stream_split");
        writeRows("stream_split", 0, 50);
        String root = ots.client().describeStream(new DescribeStreamRequest(streamId)).getShards().get(0).getShardId();

        List<String> children = ots.streams().splitShard("stream_split", root);
        writeRows("stream_split", 50, 150);
        String merged = ots.streams().mergeShards("stream_split", children.get(0), children.get(1));
        writeRows("stream_split", 150, 200);

        DescribeStreamResponse d = ots.client().describeStream(new DescribeStreamRequest(streamId));
        assertThat(d.getShards()).extracting(StreamShard::getShardId).containsExactly(root, children.get(0), children.get(1), merged);
        assertThat(d.getShards().get(1).getParentId()).isEqualTo(root);
        assertThat(d.getShards().get(3).getParentId()).isEqualTo(children.get(0));
        assertThat(d.getShards().get(3).getParentSiblingId()).isEqualTo(children.get(1));

        ShardRead parent = readShard(streamId, root);
        assertThat(parent.finished).as("a closed shard read to its end gives no next iterator").isTrue();
        assertThat(parent.records).hasSize(50);
        ShardRead left = readShard(streamId, children.get(0));
        ShardRead right = readShard(streamId, children.get(1));
        assertThat(left.finished).isTrue();
        assertThat(right.finished).isTrue();
        assertThat(left.records.size() + right.records.size()).isEqualTo(100);
        assertThat(left.records).isNotEmpty();
        assertThat(right.records).isNotEmpty();
        ShardRead open = readShard(streamId, merged);
        assertThat(open.finished).as("an open shard always gives a next iterator").isFalse();
        assertThat(open.records).hasSize(50);

        Set<Long> seen = new HashSet<>();
        for (List<StreamRecord> rs : List.of(parent.records, left.records, right.records, open.records)) {
            rs.forEach(r -> seen.add(r.getPrimaryKey().getPrimaryKeyColumn("seq").getValue().asLong()));
        }
        assertThat(seen).hasSize(200);

        DescribeStreamRequest paged = new DescribeStreamRequest(streamId);
        paged.setShardLimit(2);
        DescribeStreamResponse page1 = ots.client().describeStream(paged);
        assertThat(page1.getShards()).hasSize(2);
        assertThat(page1.getNextShardId()).isEqualTo(children.get(1));
    }

    @Test
    void iteratorFromATimestampSkipsOlderRecords() {
        String streamId = createStreamTable("stream_time");
        writeRows("stream_time", 0, 5);
        clock.advance(Duration.ofSeconds(10));
        long after = clock.millis() * 1000;
        writeRows("stream_time", 5, 8);
        String shard = ots.client().describeStream(new DescribeStreamRequest(streamId)).getShards().get(0).getShardId();
        GetShardIteratorRequest req = new GetShardIteratorRequest(streamId, shard);
        req.setTimestamp(after);
        String it = ots.client().getShardIterator(req).getShardIterator();
        List<StreamRecord> records = ots.client().getStreamRecord(new GetStreamRecordRequest(it)).getRecords();
        assertThat(records).extracting(r -> r.getPrimaryKey().getPrimaryKeyColumn("seq").getValue().asLong())
                .containsExactly(5L, 6L, 7L);
    }

    @Test
    void expiredDataGivesTrimmedDataAccess() {
        String streamId = createStreamTable("stream_expiry");
        writeRows("stream_expiry", 0, 3);
        String shard = ots.client().describeStream(new DescribeStreamRequest(streamId)).getShards().get(0).getShardId();
        String it = ots.client().getShardIterator(new GetShardIteratorRequest(streamId, shard)).getShardIterator();
        clock.advance(Duration.ofHours(25));
        assertThatThrownBy(() -> ots.client().getStreamRecord(new GetStreamRecordRequest(it)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OTSTrimmedDataAccess"));
        String fresh = ots.client().getShardIterator(new GetShardIteratorRequest(streamId, shard)).getShardIterator();
        assertThat(ots.client().getStreamRecord(new GetStreamRecordRequest(fresh)).getRecords()).isEmpty();
    }

    @Test
    void updateTableTurnsTheStreamOffAndOn() {
        String first = createStreamTable("stream_toggle");
        UpdateTableRequest off = new UpdateTableRequest("stream_toggle");
        off.setStreamSpecification(new StreamSpecification(false));
        ots.client().updateTable(off);
        assertThat(ots.client().listStream(new ListStreamRequest("stream_toggle")).getStreams()).isEmpty();
        assertThat(ots.client().describeTable(new DescribeTableRequest("stream_toggle")).getStreamDetails().isEnableStream()).isFalse();

        clock.advance(Duration.ofMillis(5));
        UpdateTableRequest on = new UpdateTableRequest("stream_toggle");
        on.setStreamSpecification(new StreamSpecification(true, 12));
        ots.client().updateTable(on);
        List<Stream> streams = ots.client().listStream(new ListStreamRequest("stream_toggle")).getStreams();
        assertThat(streams).singleElement().satisfies(s -> assertThat(s.getStreamId()).isNotEqualTo(first));
        assertThat(ots.client().describeStream(new DescribeStreamRequest(streams.get(0).getStreamId())).getExpirationTime()).isEqualTo(12);
    }

    record ShardRead(List<StreamRecord> records, boolean finished) {
    }

    static ShardRead readShard(String streamId, String shardId) {
        String it = ots.client().getShardIterator(new GetShardIteratorRequest(streamId, shardId)).getShardIterator();
        List<StreamRecord> out = new ArrayList<>();
        for (int calls = 0; calls < 100 && it != null; calls++) {
            GetStreamRecordRequest req = new GetStreamRecordRequest(it);
            req.setLimit(7);
            GetStreamRecordResponse r = ots.client().getStreamRecord(req);
            out.addAll(r.getRecords());
            if (r.getRecords().isEmpty() && r.getNextShardIterator() != null) {
                return new ShardRead(out, false); // caught up with an open shard
            }
            it = r.getNextShardIterator();
        }
        return new ShardRead(out, it == null);
    }

    static void writeRows(String table, int from, int to) {
        BatchWriteRowRequest batch = new BatchWriteRowRequest();
        for (int i = from; i < to; i++) {
            RowPutChange put = new RowPutChange(table, pk("k" + i, i));
            put.addColumn("v", ColumnValue.fromLong(i));
            batch.addRowChange(put);
        }
        assertThat(ots.client().batchWriteRow(batch).isAllSucceed()).isTrue();
    }
}
