package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.Table;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.io.CompressOption;

class BatchUploadTest extends EmulatorTest {

    @Test
    void seed002TableTakesAPartitionedBatchUploadVisibleOnlyAfterCommit() throws Exception {
        sql(odps, "CREATE TABLE IF NOT EXISTS test_kafka(topic STRING,partition BIGINT,offset BIGINT,key STRING,value STRING)"
                + " PARTITIONED by (pt STRING);");
        assertThat(odps.tables().exists("test_kafka")).isTrue();
        assertThat(odps.tables().exists("no_such_table")).isFalse();
        Table table = odps.tables().get("test_kafka");
        assertThat(table.getSchema().getColumns()).extracting(c -> c.getName())
                .containsExactly("topic", "partition", "offset", "key", "value");
        assertThat(table.getSchema().getPartitionColumns()).extracting(c -> c.getName()).containsExactly("pt");

        PartitionSpec pt = new PartitionSpec("pt='11-17-2020 14'");
        assertThat(table.hasPartition(pt)).isFalse();
        table.createPartition(pt, true);
        assertThat(table.hasPartition(pt)).isTrue();

        TableTunnel.UploadSession session = tunnel.createUploadSession("sinkline", "test_kafka", pt);
        try (RecordWriter writer = session.openRecordWriter(0, new CompressOption())) {
            Record r = session.newRecord();
            r.setString("topic", "maxcompute-test-input");
            r.setBigint("partition", 0L);
            r.setBigint("offset", 0L);
            r.setString("key", "1");
            r.setString("value", "1");
            writer.write(r);
        }
        assertThat(sql(odps, "select * from test_kafka where pt =\"11-17-2020 14\";")).isEmpty();
        session.commit(new Long[] {0L});
        session.commit(new Long[] {0L}); // a repeated commit is harmless

        List<Record> rows = sql(odps, "select * from test_kafka where pt =\"11-17-2020 14\";");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString("topic")).isEqualTo("maxcompute-test-input");
        assertThat(rows.get(0).getString("offset")).isEqualTo("0");
        assertThat(rows.get(0).getString("pt")).isEqualTo("11-17-2020 14");
        assertThat(sql(odps, "show partitions test_kafka;")).extracting(r -> r.getString(0))
                .containsExactly("pt=11-17-2020 14");
    }

    @Test
    void aBlockSentAgainReplacesItsEarlierRowsAndLeavesTheOtherBlocks() throws Exception {
        sql(odps, "CREATE TABLE resent (id BIGINT)");
        TableTunnel.UploadSession session = tunnel.createUploadSession(mc.project(), "resent");
        writeBlock(session, 0, 1, 2);
        writeBlock(session, 1, 10);
        writeBlock(session, 0, 3); // the same block id again: its first upload is gone
        session.commit(new Long[] {0L, 1L});

        assertThat(sql(odps, "select id from resent order by id;")).extracting(r -> r.getString("id"))
                .containsExactly("3", "10");
    }

    private static void writeBlock(TableTunnel.UploadSession session, long blockId, long... ids) throws Exception {
        try (RecordWriter writer = session.openRecordWriter(blockId, new CompressOption())) {
            for (long id : ids) {
                Record r = session.newRecord();
                r.setBigint("id", id);
                writer.write(r);
            }
        }
    }

    @Test
    void uploadToAMissingPartitionIsRefused() throws Exception {
        sql(odps, "CREATE TABLE IF NOT EXISTS missing_part(v STRING) PARTITIONED BY (pt STRING)");
        assertThatThrownBy(() -> tunnel.createUploadSession("sinkline", "missing_part", new PartitionSpec("pt='x'")))
                .isInstanceOf(OdpsException.class).hasMessageContaining("NoSuchPartition");
    }

    @Test
    void bufferedWritersOfOneSessionCommitTogether() throws Exception {
        sql(odps, "CREATE TABLE buffered (id BIGINT, v STRING)");
        TableTunnel.UploadSession session = tunnel.createUploadSession(mc.project(), "buffered");
        CompressOption deflate = new CompressOption(CompressOption.CompressAlgorithm.ODPS_ZLIB, 1, 0);
        try (RecordWriter first = session.openBufferedWriter(deflate);
             RecordWriter second = session.openBufferedWriter(deflate)) {
            for (long i = 0; i < 5000; i++) {
                Record r = session.newRecord();
                r.setBigint("id", i);
                r.setString("v", "row-" + i);
                (i % 2 == 0 ? first : second).write(r);
            }
        }
        assertThat(sql(odps, "select count(*) from buffered").get(0).getString(0)).isEqualTo("0");
        session.commit();
        assertThat(sql(odps, "select count(*), count(distinct id), min(id), max(id) from buffered").get(0).toArray())
                .containsExactly("5000", "5000", "0", "4999");
    }
}
