package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.io.CompressOption;

class StreamUploadTest extends EmulatorTest {

    @Test
    void eachFlushIsVisibleAtOnceAndTheSessionCreatesItsPartition() throws Exception {
        sql(odps, "CREATE TABLE IF NOT EXISTS table_text(topic STRING, `partition` BIGINT, `offset` BIGINT,"
                + " key STRING, value STRING) PARTITIONED BY (pt STRING);");
        PartitionSpec pt = new PartitionSpec("pt='07-13-2023 21:13'");
        TableTunnel.StreamUploadSession session = tunnel.buildStreamUploadSession(mc.project(), "table_text")
                .setPartitionSpec(pt).setCreatePartition(true).build();
        assertThat(odps.tables().get("table_text").hasPartition(pt)).isTrue();

        TableTunnel.StreamRecordPack pack = session.newRecordPack(new CompressOption());
        pack.append(record(session, 0, "abc"));
        pack.flush();
        assertThat(values()).containsExactly("abc");

        pack.append(record(session, 1, "edf"));
        pack.flush();
        assertThat(values()).containsExactly("abc", "edf");

        List<Record> rows = sql(odps, "set odps.sql.allow.fullscan=true;\nselect * from table_text;");
        assertThat(rows.get(0).getString("key")).isEqualTo("\\N"); // NULL, as odpscmd prints it
        assertThat(rows.get(0).getString("pt")).isEqualTo("07-13-2023 21:13");
    }

    private Record record(TableTunnel.StreamUploadSession session, long offset, String value) {
        Record r = session.newRecord();
        r.setString("topic", "topic_text");
        r.setBigint("partition", 0L);
        r.setBigint("offset", offset);
        r.setString("value", value);
        return r;
    }

    private List<String> values() throws Exception {
        return sql(odps, "select value from table_text order by `offset`").stream().map(r -> r.getString(0)).toList();
    }
}
