package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableAndRowTest {
    @RegisterExtension
    static final EmulatorExtension ots = new EmulatorExtension();

    static PrimaryKey pk(String k, long seq) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.fromString(k))
                .addPrimaryKeyColumn("seq", PrimaryKeyValue.fromLong(seq)).build();
    }

    @Test
    void createsDescribesListsAndDeletesTables() {
        TableMeta meta = new TableMeta("lifecycle");
        meta.addPrimaryKeyColumn("id", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("auto", PrimaryKeyType.INTEGER, PrimaryKeyOption.AUTO_INCREMENT);
        CreateTableRequest create = new CreateTableRequest(meta, new TableOptions(86400 * 2, 3), new ReservedThroughput(1, 2));
        ots.client().createTable(create);

        DescribeTableResponse d = ots.client().describeTable(new DescribeTableRequest("lifecycle"));
        assertThat(d.getTableMeta().getTableName()).isEqualTo("lifecycle");
        assertThat(d.getTableMeta().getPrimaryKeyList()).extracting(PrimaryKeySchema::getName).containsExactly("id", "auto");
        assertThat(d.getTableMeta().getPrimaryKeyList().get(1).getOption()).isEqualTo(PrimaryKeyOption.AUTO_INCREMENT);
        assertThat(d.getTableOptions().getTimeToLive()).isEqualTo(86400 * 2);
        assertThat(d.getTableOptions().getMaxVersions()).isEqualTo(3);
        assertThat(d.getReservedThroughputDetails().getCapacityUnit().getReadCapacityUnit()).isEqualTo(1);
        assertThat(d.getReservedThroughputDetails().getCapacityUnit().getWriteCapacityUnit()).isEqualTo(2);
        assertThat(d.getStreamDetails().isEnableStream()).isFalse();

        assertThat(ots.client().listTable().getTableNames()).contains("lifecycle");

        assertThatThrownBy(() -> ots.client().createTable(create))
                .isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSObjectAlreadyExist");
                    assertThat(e.getHttpStatus()).isEqualTo(409);
                    assertThat(e.getRequestId()).isNotBlank();
                });

        UpdateTableRequest update = new UpdateTableRequest("lifecycle");
        update.setTableOptionsForUpdate(new TableOptions(-1));
        ots.client().updateTable(update);
        assertThat(ots.client().describeTable(new DescribeTableRequest("lifecycle")).getTableOptions().getTimeToLive()).isEqualTo(-1);

        ots.client().deleteTable(new DeleteTableRequest("lifecycle"));
        assertThat(ots.client().listTable().getTableNames()).doesNotContain("lifecycle");
        assertThatThrownBy(() -> ots.client().describeTable(new DescribeTableRequest("lifecycle")))
                .isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSObjectNotExist");
                    assertThat(e.getHttpStatus()).isEqualTo(404);
                });
    }

    @Test
    void putsGetsUpdatesAndDeletesRows() {
        EmulatorFixture.createTable(ots.client(), "rows", 1);
        RowPutChange put = new RowPutChange("rows", pk("a", 1));
        put.addColumn("name", ColumnValue.fromString("alice"));
        put.addColumn("age", ColumnValue.fromLong(30));
        put.addColumn("score", ColumnValue.fromDouble(1.5));
        put.addColumn("ok", ColumnValue.fromBoolean(true));
        put.addColumn("blob", ColumnValue.fromBinary(new byte[] {1, 2, 3}));
        ots.client().putRow(new PutRowRequest(put));

        Row row = getRow("rows", pk("a", 1));
        assertThat(row.getPrimaryKey()).isEqualTo(pk("a", 1));
        assertThat(row.getLatestColumn("name").getValue().asString()).isEqualTo("alice");
        assertThat(row.getLatestColumn("age").getValue().asLong()).isEqualTo(30);
        assertThat(row.getLatestColumn("score").getValue().asDouble()).isEqualTo(1.5);
        assertThat(row.getLatestColumn("ok").getValue().asBoolean()).isTrue();
        assertThat(row.getLatestColumn("blob").getValue().asBinary()).containsExactly(1, 2, 3);

        RowUpdateChange update = new RowUpdateChange("rows", pk("a", 1));
        update.put("name", ColumnValue.fromString("alicia"));
        update.deleteColumns("score");
        update.increment(new Column("age", ColumnValue.fromLong(2)));
        update.setReturnType(ReturnType.RT_AFTER_MODIFY);
        update.addReturnColumn("age");
        UpdateRowResponse ur = ots.client().updateRow(new UpdateRowRequest(update));
        assertThat(ur.getRow().getLatestColumn("age").getValue().asLong()).isEqualTo(32);

        row = getRow("rows", pk("a", 1));
        assertThat(row.getLatestColumn("name").getValue().asString()).isEqualTo("alicia");
        assertThat(row.contains("score")).isFalse();
        assertThat(row.getLatestColumn("age").getValue().asLong()).isEqualTo(32);

        SingleRowQueryCriteria onlyName = new SingleRowQueryCriteria("rows", pk("a", 1));
        onlyName.setMaxVersions(1);
        onlyName.addColumnsToGet("name");
        Row partial = ots.client().getRow(new GetRowRequest(onlyName)).getRow();
        assertThat(partial.getColumns()).extracting(Column::getName).containsExactly("name");

        ots.client().deleteRow(new DeleteRowRequest(new RowDeleteChange("rows", pk("a", 1))));
        assertThat(getRow("rows", pk("a", 1))).isNull();
    }

    @Test
    void enforcesRowConditions() {
        EmulatorFixture.createTable(ots.client(), "conditions", 1);
        RowPutChange put = new RowPutChange("conditions", pk("c", 1));
        put.addColumn("v", ColumnValue.fromLong(1));
        put.setCondition(new Condition(RowExistenceExpectation.EXPECT_NOT_EXIST));
        ots.client().putRow(new PutRowRequest(put));

        assertThatThrownBy(() -> ots.client().putRow(new PutRowRequest(put)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSConditionCheckFail");
                    assertThat(e.getHttpStatus()).isEqualTo(403);
                });

        RowUpdateChange missing = new RowUpdateChange("conditions", pk("nope", 1));
        missing.put("v", ColumnValue.fromLong(2));
        missing.setCondition(new Condition(RowExistenceExpectation.EXPECT_EXIST));
        assertThatThrownBy(() -> ots.client().updateRow(new UpdateRowRequest(missing)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OTSConditionCheckFail"));
        assertThat(getRow("conditions", pk("nope", 1))).isNull();

        RowUpdateChange guarded = new RowUpdateChange("conditions", pk("c", 1));
        guarded.put("v", ColumnValue.fromLong(10));
        Condition cond = new Condition(RowExistenceExpectation.EXPECT_EXIST);
        cond.setColumnCondition(new com.alicloud.openservices.tablestore.model.condition.SingleColumnValueCondition(
                "v", com.alicloud.openservices.tablestore.model.condition.SingleColumnValueCondition.CompareOperator.EQUAL,
                ColumnValue.fromLong(5)));
        guarded.setCondition(cond);
        assertThatThrownBy(() -> ots.client().updateRow(new UpdateRowRequest(guarded)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OTSConditionCheckFail"));

        cond.setColumnCondition(new com.alicloud.openservices.tablestore.model.condition.SingleColumnValueCondition(
                "v", com.alicloud.openservices.tablestore.model.condition.SingleColumnValueCondition.CompareOperator.EQUAL,
                ColumnValue.fromLong(1)));
        ots.client().updateRow(new UpdateRowRequest(guarded));
        assertThat(getRow("conditions", pk("c", 1)).getLatestColumn("v").getValue().asLong()).isEqualTo(10);
    }

    @Test
    void rejectsInvalidRequestsWithServiceCodes() {
        EmulatorFixture.createTable(ots.client(), "invalid", 1);
        RowPutChange wrongType = new RowPutChange("invalid", PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.fromLong(1))
                .addPrimaryKeyColumn("seq", PrimaryKeyValue.fromLong(1)).build());
        wrongType.addColumn("v", ColumnValue.fromLong(1));
        assertThatThrownBy(() -> ots.client().putRow(new PutRowRequest(wrongType)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSParameterInvalid");
                    assertThat(e.getHttpStatus()).isEqualTo(400);
                });

        RowPutChange noTable = new RowPutChange("no_such_table", pk("a", 1));
        noTable.addColumn("v", ColumnValue.fromLong(1));
        assertThatThrownBy(() -> ots.client().putRow(new PutRowRequest(noTable)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OTSObjectNotExist"));
    }

    @Test
    void enforcesKeyAndColumnLimits() {
        EmulatorFixture.createTable(ots.client(), "limits", 1);
        RowPutChange longKey = new RowPutChange("limits", pk("k".repeat(1025), 1));
        longKey.addColumn("v", ColumnValue.fromLong(1));
        assertThatThrownBy(() -> ots.client().putRow(new PutRowRequest(longKey)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OTSParameterInvalid"));

        RowPutChange wide = new RowPutChange("limits", pk("wide", 1));
        for (int i = 0; i < 1025; i++) {
            wide.addColumn("c" + i, ColumnValue.fromLong(i));
        }
        assertThatThrownBy(() -> ots.client().putRow(new PutRowRequest(wide)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OTSOutOfColumnCountLimit"));

        RowPutChange keyAsColumn = new RowPutChange("limits", pk("dup", 1));
        keyAsColumn.addColumn("pk", ColumnValue.fromString("clash"));
        assertThatThrownBy(() -> ots.client().putRow(new PutRowRequest(keyAsColumn)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OTSParameterInvalid"));
        assertThat(all(ots.client(), "limits")).isEmpty();
    }

    Row getRow(String table, PrimaryKey key) {
        SingleRowQueryCriteria c = new SingleRowQueryCriteria(table, key);
        c.setMaxVersions(1);
        return ots.client().getRow(new GetRowRequest(c)).getRow();
    }

    static List<Row> all(SyncClient client, String table) {
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
        c.setInclusiveStartPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.INF_MIN).addPrimaryKeyColumn("seq", PrimaryKeyValue.INF_MIN).build());
        c.setExclusiveEndPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.INF_MAX).addPrimaryKeyColumn("seq", PrimaryKeyValue.INF_MAX).build());
        c.setMaxVersions(1);
        return client.getRange(new GetRangeRequest(c)).getRows();
    }
}
