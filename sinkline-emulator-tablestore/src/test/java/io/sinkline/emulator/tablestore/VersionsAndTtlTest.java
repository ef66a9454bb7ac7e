package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sinkline.emulator.tablestore.TableAndRowTest.pk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionsAndTtlTest {
    static final long DAY = 86_400_000L;
    @RegisterExtension
    static final EmulatorExtension ots = new EmulatorExtension();

    @Test
    void keepsAtMostMaxVersionsAndReadsByVersionAndTimeRange() {
        EmulatorFixture.createTable(ots.client(), "versions", 3);
        long now = System.currentTimeMillis();
        for (int v = 1; v <= 5; v++) {
            RowUpdateChange u = new RowUpdateChange("versions", pk("v", 1));
            u.put("c", ColumnValue.fromLong(v), now - 1000L * (10 - v));
            ots.client().updateRow(new UpdateRowRequest(u));
        }
        SingleRowQueryCriteria all = new SingleRowQueryCriteria("versions", pk("v", 1));
        all.setMaxVersions(10);
        Row row = ots.client().getRow(new GetRowRequest(all)).getRow();
        assertThat(row.getColumn("c")).extracting(c -> c.getValue().asLong()).containsExactly(5L, 4L, 3L);

        SingleRowQueryCriteria range = new SingleRowQueryCriteria("versions", pk("v", 1));
        range.setTimeRange(new TimeRange(now - 1000L * 6, now - 1000L * 4));
        assertThat(ots.client().getRow(new GetRowRequest(range)).getRow().getColumn("c"))
                .extracting(c -> c.getValue().asLong()).containsExactly(5L, 4L);

        RowUpdateChange deleteOne = new RowUpdateChange("versions", pk("v", 1));
        deleteOne.deleteColumn("c", now - 1000L * 6);
        ots.client().updateRow(new UpdateRowRequest(deleteOne));
        assertThat(ots.client().getRow(new GetRowRequest(all)).getRow().getColumn("c"))
                .extracting(c -> c.getValue().asLong()).containsExactly(5L, 3L);
    }

    @Test
    void hidesDataOlderThanTimeToLive() {
        TableMeta meta = new TableMeta("ttl");
        meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("seq", PrimaryKeyType.INTEGER);
        TableOptions options = new TableOptions(86400, 1);
        options.setMaxTimeDeviation(10 * 86400);
        ots.client().createTable(new CreateTableRequest(meta, options, new ReservedThroughput(0, 0)));
        long now = System.currentTimeMillis();

        RowPutChange old = new RowPutChange("ttl", pk("old", 1));
        old.addColumn("c", ColumnValue.fromString("two days old"), now - 2 * DAY);
        ots.client().putRow(new PutRowRequest(old));
        RowPutChange fresh = new RowPutChange("ttl", pk("fresh", 1));
        fresh.addColumn("c", ColumnValue.fromString("now"), now);
        ots.client().putRow(new PutRowRequest(fresh));

        assertThat(get("ttl", pk("old", 1))).isNull();
        assertThat(get("ttl", pk("fresh", 1)).getLatestColumn("c").getValue().asString()).isEqualTo("now");
        assertThat(TableAndRowTest.all(ots.client(), "ttl")).hasSize(1);
    }

    @Test
    void rejectsVersionsBeyondMaxVersionOffset() {
        EmulatorFixture.createTable(ots.client(), "offset", 1);
        RowPutChange tooOld = new RowPutChange("offset", pk("o", 1));
        tooOld.addColumn("c", ColumnValue.fromLong(1), System.currentTimeMillis() - 3 * DAY);
        assertThatThrownBy(() -> ots.client().putRow(new PutRowRequest(tooOld)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OTSParameterInvalid"));
    }

    @Test
    void autoIncrementGeneratesIncreasingKeysAndReturnsThem() {
        TableMeta meta = new TableMeta("auto");
        meta.addPrimaryKeyColumn("part", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("id", PrimaryKeyType.INTEGER, PrimaryKeyOption.AUTO_INCREMENT);
        ots.client().createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 3; i++) {
            RowPutChange put = new RowPutChange("auto", PrimaryKeyBuilder.createPrimaryKeyBuilder()
                    .addPrimaryKeyColumn("part", PrimaryKeyValue.fromString("p"))
                    .addPrimaryKeyColumn("id", PrimaryKeyValue.AUTO_INCREMENT).build());
            put.addColumn("i", ColumnValue.fromLong(i));
            put.setReturnType(ReturnType.RT_PK);
            long id = ots.client().putRow(new PutRowRequest(put)).getRow().getPrimaryKey().getPrimaryKeyColumn("id").getValue().asLong();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    static Row get(String table, PrimaryKey key) {
        return get(ots.client(), table, key);
    }

    static Row get(SyncClient c, String table, PrimaryKey key) {
        SingleRowQueryCriteria q = new SingleRowQueryCriteria(table, key);
        q.setMaxVersions(1);
        return c.getRow(new GetRowRequest(q)).getRow();
    }
}
