package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.sinkline.emulator.tablestore.TableAndRowTest.pk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchAndRangeTest {
    @RegisterExtension
    static final EmulatorExtension ots = new EmulatorExtension();

    @BeforeAll
    static void start() {
        EmulatorFixture.createTable(ots.client(), "range", 1);
        BatchWriteRowRequest batch = new BatchWriteRowRequest();
        for (int i = 0; i < 100; i++) {
            RowPutChange put = new RowPutChange("range", pk("k", i));
            put.addColumn("i", ColumnValue.fromLong(i));
            batch.addRowChange(put);
        }
        BatchWriteRowResponse r = ots.client().batchWriteRow(batch);
        assertThat(r.isAllSucceed()).isTrue();
    }

    @Test
    void batchWriteAnswersPerRowInRequestOrder() {
        EmulatorFixture.createTable(ots.client(), "batch", 1);
        RowPutChange existing = new RowPutChange("batch", pk("x", 0));
        existing.addColumn("v", ColumnValue.fromLong(0));
        ots.client().putRow(new PutRowRequest(existing));

        BatchWriteRowRequest batch = new BatchWriteRowRequest();
        for (int i = 0; i < 5; i++) {
            RowPutChange put = new RowPutChange("batch", pk("x", i));
            put.addColumn("v", ColumnValue.fromLong(i));
            put.setCondition(new Condition(RowExistenceExpectation.EXPECT_NOT_EXIST));
            batch.addRowChange(put);
        }
        RowDeleteChange delete = new RowDeleteChange("no_such_table", pk("x", 9));
        batch.addRowChange(delete);
        BatchWriteRowResponse r = ots.client().batchWriteRow(batch);

        assertThat(r.isAllSucceed()).isFalse();
        List<BatchWriteRowResponse.RowResult> failed = r.getFailedRows();
        assertThat(failed).hasSize(2);
        assertThat(failed.get(0).getIndex()).isEqualTo(0);
        assertThat(failed.get(0).getError().getCode()).isEqualTo("OTSConditionCheckFail");
        assertThat(failed.get(1).getTableName()).isEqualTo("no_such_table");
        assertThat(failed.get(1).getError().getCode()).isEqualTo("OTSObjectNotExist");
        assertThat(r.getSucceedRows()).extracting(BatchWriteRowResponse.RowResult::getIndex).containsExactly(1, 2, 3, 4);
        assertThat(TableAndRowTest.all(ots.client(), "batch")).hasSize(5);
    }

    @Test
    void refusesMoreThan200RowsInABatch() {
        BatchWriteRowRequest batch = new BatchWriteRowRequest();
        for (int i = 0; i < 201; i++) {
            RowPutChange put = new RowPutChange("range", pk("big", i));
            put.addColumn("i", ColumnValue.fromLong(i));
            batch.addRowChange(put);
        }
        assertThatThrownBy(() -> ots.client().batchWriteRow(batch))
                .isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSParameterInvalid");
                    assertThat(e.getMessage()).contains("200");
                });
    }

    @Test
    void refusesRequestsOver4Megabytes() {
        BatchWriteRowRequest batch = new BatchWriteRowRequest();
        byte[] big = new byte[1024 * 1024];
        for (int i = 0; i < 5; i++) {
            RowPutChange put = new RowPutChange("range", pk("huge", i));
            put.addColumn("blob", ColumnValue.fromBinary(big));
            batch.addRowChange(put);
        }
        assertThatThrownBy(() -> ots.client().batchWriteRow(batch))
                .isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSRequestBodyTooLarge");
                    assertThat(e.getHttpStatus()).isEqualTo(413);
                });
        assertThat(VersionsAndTtlTest.get(ots.client(), "range", pk("huge", 0))).isNull();
    }

    @Test
    void batchGetRowReturnsRowsAndMisses() {
        MultiRowQueryCriteria c = new MultiRowQueryCriteria("range");
        c.addRow(pk("k", 3));
        c.addRow(pk("k", 500));
        c.addRow(pk("k", 7));
        c.setMaxVersions(1);
        BatchGetRowRequest req = new BatchGetRowRequest();
        req.addMultiRowQueryCriteria(c);
        BatchGetRowResponse r = ots.client().batchGetRow(req);
        assertThat(r.isAllSucceed()).isTrue();
        List<BatchGetRowResponse.RowResult> rows = r.getBatchGetRowResult("range");
        assertThat(rows.get(0).getRow().getLatestColumn("i").getValue().asLong()).isEqualTo(3);
        assertThat(rows.get(1).getRow()).isNull();
        assertThat(rows.get(2).getRow().getLatestColumn("i").getValue().asLong()).isEqualTo(7);
    }

    @Test
    void pagesForwardWithLimitAndNextStartKey() {
        List<Long> seen = new ArrayList<>();
        PrimaryKey start = bound(PrimaryKeyValue.INF_MIN);
        int pages = 0;
        while (start != null) {
            RangeRowQueryCriteria c = new RangeRowQueryCriteria("range");
            c.setInclusiveStartPrimaryKey(start);
            c.setExclusiveEndPrimaryKey(bound(PrimaryKeyValue.INF_MAX));
            c.setMaxVersions(1);
            c.setLimit(30);
            GetRangeResponse r = ots.client().getRange(new GetRangeRequest(c));
            r.getRows().forEach(row -> seen.add(row.getPrimaryKey().getPrimaryKeyColumn("seq").getValue().asLong()));
            start = r.getNextStartPrimaryKey();
            pages++;
        }
        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(100).isSorted();
        assertThat(seen.get(0)).isZero();
    }

    @Test
    void pagesBackwardWithLimitAndNextStartKey() {
        List<Long> seen = new ArrayList<>();
        PrimaryKey start = PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("pk", PrimaryKeyValue.fromString("k"))
                .addPrimaryKeyColumn("seq", PrimaryKeyValue.fromLong(49)).build();
        while (start != null) {
            RangeRowQueryCriteria c = new RangeRowQueryCriteria("range");
            c.setInclusiveStartPrimaryKey(start);
            c.setExclusiveEndPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("pk", PrimaryKeyValue.fromString("k"))
                    .addPrimaryKeyColumn("seq", PrimaryKeyValue.fromLong(9)).build());
            c.setDirection(Direction.BACKWARD);
            c.setMaxVersions(1);
            c.setLimit(15);
            GetRangeResponse r = ots.client().getRange(new GetRangeRequest(c));
            r.getRows().forEach(row -> seen.add(row.getPrimaryKey().getPrimaryKeyColumn("seq").getValue().asLong()));
            start = r.getNextStartPrimaryKey();
        }
        assertThat(seen).hasSize(40).startsWith(49L, 48L).endsWith(10L);
    }

    @Test
    void rangeIteratorReadsEverything() {
        assertThat(EmulatorFixture.countRows(ots.client(), "range", 7)).isEqualTo(100);
    }

    @Test
    void rangeFilterSelectsRows() {
        RangeRowQueryCriteria c = new RangeRowQueryCriteria("range");
        c.setInclusiveStartPrimaryKey(bound(PrimaryKeyValue.INF_MIN));
        c.setExclusiveEndPrimaryKey(bound(PrimaryKeyValue.INF_MAX));
        c.setMaxVersions(1);
        c.setFilter(new com.alicloud.openservices.tablestore.model.filter.SingleColumnValueFilter("i",
                com.alicloud.openservices.tablestore.model.filter.SingleColumnValueFilter.CompareOperator.GREATER_EQUAL,
                ColumnValue.fromLong(95)));
        assertThat(ots.client().getRange(new GetRangeRequest(c)).getRows()).hasSize(5);
    }

    @Test
    void binaryAndStringKeysSortByTheirBytesAndComeBackUnchanged() {
        TableMeta meta = new TableMeta("bytes_order");
        meta.addPrimaryKeyColumn("b", PrimaryKeyType.BINARY);
        meta.addPrimaryKeyColumn("s", PrimaryKeyType.STRING);
        ots.client().createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
        byte[][] keys = {{1}, {0, 1}, {0}, {0, 0, (byte) 0xff}, {(byte) 0xff}};
        for (byte[] k : keys) {
            for (String s : new String[] {"é", "z", "a\u0000b", "a"}) {
                RowPutChange put = new RowPutChange("bytes_order", PrimaryKeyBuilder.createPrimaryKeyBuilder()
                        .addPrimaryKeyColumn("b", PrimaryKeyValue.fromBinary(k))
                        .addPrimaryKeyColumn("s", PrimaryKeyValue.fromString(s)).build());
                put.addColumn("v", ColumnValue.fromLong(1));
                ots.client().putRow(new PutRowRequest(put));
            }
        }
        RangeRowQueryCriteria c = new RangeRowQueryCriteria("bytes_order");
        c.setInclusiveStartPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("b", PrimaryKeyValue.INF_MIN).addPrimaryKeyColumn("s", PrimaryKeyValue.INF_MIN).build());
        c.setExclusiveEndPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("b", PrimaryKeyValue.INF_MAX).addPrimaryKeyColumn("s", PrimaryKeyValue.INF_MAX).build());
        c.setMaxVersions(1);
        List<String> seen = new ArrayList<>();
        for (Row r : ots.client().getRange(new GetRangeRequest(c)).getRows()) {
            seen.add(java.util.HexFormat.of().formatHex(r.getPrimaryKey().getPrimaryKeyColumn("b").getValue().asBinary())
                    + "/" + r.getPrimaryKey().getPrimaryKeyColumn("s").getValue().asString());
        }
        assertThat(seen).containsExactly(
                "00/a", "00/a\u0000b", "00/z", "00/é",
                "0000ff/a", "0000ff/a\u0000b", "0000ff/z", "0000ff/é",
                "0001/a", "0001/a\u0000b", "0001/z", "0001/é",
                "01/a", "01/a\u0000b", "01/z", "01/é",
                "ff/a", "ff/a\u0000b", "ff/z", "ff/é");
    }

    @Test
    void rangesSeeTheWritesAndDeletesMadeBetweenThem() {
        EmulatorFixture.createTable(ots.client(), "range_changes", 1);
        for (long i = 1; i <= 5; i++) {
            putSeq("range_changes", i);
        }
        assertThat(seqs("range_changes", Direction.FORWARD)).containsExactly(1L, 2L, 3L, 4L, 5L);

        deleteSeq("range_changes", 2); // a key ranges have seen
        putSeq("range_changes", 7);
        deleteSeq("range_changes", 7); // a key no range has seen yet
        putSeq("range_changes", 6);
        deleteSeq("range_changes", 4);
        putSeq("range_changes", 4); // deleted and written again
        assertThat(seqs("range_changes", Direction.FORWARD)).containsExactly(1L, 3L, 4L, 5L, 6L);

        deleteSeq("range_changes", 1);
        assertThat(seqs("range_changes", Direction.BACKWARD)).containsExactly(6L, 5L, 4L, 3L);
    }

    private static void putSeq(String table, long seq) {
        RowPutChange put = new RowPutChange(table, pk("k", seq));
        put.addColumn("v", ColumnValue.fromString("row " + seq));
        ots.client().putRow(new PutRowRequest(put));
    }

    private static void deleteSeq(String table, long seq) {
        ots.client().deleteRow(new DeleteRowRequest(new RowDeleteChange(table, pk("k", seq))));
    }

    private static List<Long> seqs(String table, Direction direction) {
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
        boolean forward = direction == Direction.FORWARD;
        c.setInclusiveStartPrimaryKey(bound(forward ? PrimaryKeyValue.INF_MIN : PrimaryKeyValue.INF_MAX));
        c.setExclusiveEndPrimaryKey(bound(forward ? PrimaryKeyValue.INF_MAX : PrimaryKeyValue.INF_MIN));
        c.setDirection(direction);
        c.setMaxVersions(1);
        List<Long> seen = new ArrayList<>();
        for (Row r : ots.client().getRange(new GetRangeRequest(c)).getRows()) {
            long seq = r.getPrimaryKey().getPrimaryKeyColumn("seq").getValue().asLong();
            assertThat(r.getLatestColumn("v").getValue().asString()).isEqualTo("row " + seq);
            seen.add(seq);
        }
        return seen;
    }

    static PrimaryKey bound(PrimaryKeyValue v) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("pk", v).addPrimaryKeyColumn("seq", v).build();
    }
}
