package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.aliyun.odps.Column;
import com.aliyun.odps.OdpsType;
import com.aliyun.odps.TableFilter;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.type.TypeInfoFactory;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.Partition;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.Table;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.tunnel.TableTunnel;

class PartitionsAndOverwriteTest extends EmulatorTest {

    @Test
    void partitionsAreAddedListedCheckedAndDropped() throws Exception {
        sql(odps, "CREATE TABLE parts (v STRING) PARTITIONED BY (pt STRING, region STRING)");
        Table table = odps.tables().get("parts");
        table.createPartition(new PartitionSpec("pt='2024',region='cn'"));
        table.createPartition(new PartitionSpec("pt='2024',region='us'"), true);
        table.createPartition(new PartitionSpec("pt='2024',region='us'"), true); // IF NOT EXISTS: no error
        assertThatThrownBy(() -> table.createPartition(new PartitionSpec("pt='2024',region='us'")))
                .isInstanceOf(OdpsException.class);

        List<Partition> partitions = table.getPartitions();
        assertThat(partitions).extracting(p -> p.getPartitionSpec().toString())
                .containsExactly("pt='2024',region='cn'", "pt='2024',region='us'");
        assertThat(table.hasPartition(new PartitionSpec("pt='2024',region='cn'"))).isTrue();
        assertThat(table.hasPartition(new PartitionSpec("pt='2025',region='cn'"))).isFalse();

        table.deletePartition(new PartitionSpec("pt='2024',region='cn'"));
        table.deletePartition(new PartitionSpec("pt='2024',region='cn'"), true);
        assertThatThrownBy(() -> table.deletePartition(new PartitionSpec("pt='2024',region='cn'")))
                .isInstanceOf(OdpsException.class);
        assertThat(table.getPartitions()).extracting(p -> p.getPartitionSpec().toString())
                .containsExactly("pt='2024',region='us'");
    }

    @Test
    void overwriteSessionReplacesOnlyItsPartition() throws Exception {
        sql(odps, "CREATE TABLE ow (id BIGINT) PARTITIONED BY (pt STRING);"
                + "ALTER TABLE ow ADD PARTITION (pt='a') PARTITION (pt='b');"
                + "INSERT INTO TABLE ow PARTITION (pt='a') VALUES (1), (2);"
                + "INSERT INTO TABLE ow PARTITION (pt='b') VALUES (10);");
        PartitionSpec a = new PartitionSpec("pt='a'");
        TableTunnel.UploadSession session = tunnel.createUploadSession(mc.project(), "ow", a, true);
        try (RecordWriter w = session.openRecordWriter(0)) {
            Record r = session.newRecord();
            r.setBigint("id", 3L);
            w.write(r);
        }
        assertThat(ids("select id from ow where pt = 'a' order by id")).containsExactly("1", "2");
        session.commit();
        assertThat(ids("select id from ow where pt = 'a' order by id")).containsExactly("3");
        assertThat(ids("select id from ow where pt = 'b' order by id")).containsExactly("10");
    }

    @Test
    void reloadedUploadSessionsShareBlocksAndTruncateEmptiesTheTable() throws Exception {
        sql(odps, "CREATE TABLE reload_me (id BIGINT)");
        TableTunnel.UploadSession first = tunnel.createUploadSession(mc.project(), "reload_me");
        TableTunnel.UploadSession second = tunnel.getUploadSession(mc.project(), "reload_me", first.getId());
        for (TableTunnel.UploadSession s : List.of(first, second)) {
            long block = s == first ? 0 : 1;
            try (RecordWriter w = s.openRecordWriter(block)) {
                Record r = s.newRecord();
                r.setBigint("id", block);
                w.write(r);
            }
        }
        assertThat(first.getBlockList()).containsExactly(0L, 1L);
        second.commit(new Long[] {0L, 1L});
        assertThat(ids("select id from reload_me order by id")).containsExactly("0", "1");
        odps.tables().get("reload_me").truncate();
        assertThat(ids("select id from reload_me")).isEmpty();
        odps.tables().delete("reload_me");
        assertThat(odps.tables().exists("reload_me")).isFalse();
    }

    private List<String> ids(String query) throws OdpsException {
        return sql(odps, query).stream().map(r -> r.getString(0)).toList();
    }

    @Test
    void tablesCreatedListedAndDroppedThroughTheSdk() throws Exception {
        TableSchema schema = new TableSchema();
        schema.addColumn(new Column("topic", OdpsType.STRING, "the topic"));
        schema.addColumn(new Column("offset", OdpsType.BIGINT));
        schema.addColumn(new Column("value", TypeInfoFactory.getArrayTypeInfo(TypeInfoFactory.STRING)));
        schema.addPartitionColumn(new Column("pt", OdpsType.STRING));
        odps.tables().create(mc.project(), "sdk_made", schema, "made by the SDK", true);
        odps.tables().create(mc.project(), "sdk_made", schema, "made by the SDK", true); // IF NOT EXISTS
        Table table = odps.tables().get("sdk_made");
        assertThat(table.getSchema().getColumns()).extracting(Column::getName).containsExactly("topic", "offset", "value");
        assertThat(table.getSchema().getColumn("value").getTypeInfo().getTypeName()).isEqualTo("ARRAY<STRING>");
        assertThat(table.getSchema().getColumn("topic").getComment()).isEqualTo("the topic");
        assertThat(table.getComment()).isEqualTo("made by the SDK");
        List<String> names = new java.util.ArrayList<>();
        odps.tables().iterable(new TableFilter() {
            {
                setName("sdk_");
            }
        }).forEach(t -> names.add(t.getName()));
        assertThat(names).containsExactly("sdk_made");
        odps.tables().delete(mc.project(), "sdk_made", false);
        assertThat(odps.tables().exists("sdk_made")).isFalse();
    }
}
