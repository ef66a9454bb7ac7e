package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.data.SimpleJsonValue;
import com.aliyun.odps.tunnel.TableTunnel;

/** The DDL and the verification queries of seeds 002, 003 and 004, with the rows their examples show. */
class SeedSqlTest extends EmulatorTest {

    private static final String PT = "07-14-2023 00:10";

    /** Uploads rows (column values in table order, partition pt) as the sink does, through a batch session. */
    private void upload(String table, List<Object[]> rows) throws Exception {
        PartitionSpec pt = new PartitionSpec("pt='" + PT + "'");
        odps.tables().get(table).createPartition(pt, true);
        TableTunnel.UploadSession session = tunnel.createUploadSession(mc.project(), table, pt);
        try (RecordWriter w = session.openRecordWriter(0)) {
            for (Object[] row : rows) {
                Record r = session.newRecord();
                for (int i = 0; i < row.length; i++) {
                    r.set(i, row[i]);
                }
                w.write(r);
            }
        }
        session.commit();
    }

    private List<List<String>> rows(String query) throws OdpsException {
        List<List<String>> out = new ArrayList<>();
        for (Record r : sql(odps, query)) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < r.getColumnCount(); i++) {
                row.add(r.getString(i));
            }
            out.add(row);
        }
        return out;
    }

    @Test
    void textExample() throws Exception {
        sql(odps, "CREATE TABLE IF NOT EXISTS table_text(\n  topic STRING,\n  `partition` BIGINT,\n  `offset` BIGINT,\n"
                + "  key STRING,\n  value STRING\n) PARTITIONED BY (pt STRING);");
        upload("table_text", List.of(new Object[] {"topic_text", 0L, 0L, null, "abc"},
                new Object[] {"topic_text", 0L, 1L, null, "edf"}));
        assertThat(rows("set odps.sql.allow.fullscan=true;\nselect * from table_text;")).containsExactly(
                List.of("topic_text", "0", "0", "\\N", "abc", PT),
                List.of("topic_text", "0", "1", "\\N", "edf", PT));
    }

    @Test
    void csvExample() throws Exception {
        sql(odps, "CREATE TABLE IF NOT EXISTS table_csv(\n  topic STRING,\n  `partition` BIGINT,\n  `offset` BIGINT,\n"
                + "  id BIGINT,\n  name STRING,\n  region STRING\n) PARTITIONED BY (pt STRING);");
        upload("table_csv", List.of(new Object[] {"csv_test", 0L, 0L, 1103L, "zhangsan", "china"},
                new Object[] {"csv_test", 0L, 1L, 1104L, "lisi", "usa"}));
        assertThat(rows("set odps.sql.allow.fullscan=true;\nselect * from table_csv;")).containsExactly(
                List.of("csv_test", "0", "0", "1103", "zhangsan", "china", PT),
                List.of("csv_test", "0", "1", "1104", "lisi", "usa", PT));
    }

    @Test
    void jsonExample() throws Exception {
        sql(odps, "CREATE TABLE IF NOT EXISTS table_json(\n  topic STRING,\n  `partition` BIGINT,\n  `offset` BIGINT,\n"
                + "  key STRING,\n  value JSON\n) PARTITIONED BY (pt STRING);");
        upload("table_json", List.of(
                new Object[] {"Topic_json", 0L, 0L, null, new SimpleJsonValue("{\"id\":123,\"name\":\"json-1\",\"region\":\"beijing\"}")},
                new Object[] {"Topic_json", 0L, 1L, null, new SimpleJsonValue("{\"id\":456,\"name\":\"json-2\",\"region\":\"hangzhou\"}")}));
        assertThat(rows("set odps.sql.allow.fullscan=true;\nselect * from table_json;")).containsExactly(
                List.of("Topic_json", "0", "0", "\\N", "{\"id\":123,\"name\":\"json-1\",\"region\":\"beijing\"}", PT),
                List.of("Topic_json", "0", "1", "\\N", "{\"id\":456,\"name\":\"json-2\",\"region\":\"hangzhou\"}", PT));
    }

    @Test
    void flattenExample() throws Exception {
        sql(odps, "CREATE TABLE IF NOT EXISTS table_flatten(\n  topic STRING,\n  `partition` BIGINT,\n  `offset` BIGINT,\n"
                + "  id BIGINT,\n  name STRING,\n  extendinfo JSON\n) PARTITIONED BY (pt STRING);");
        upload("table_flatten", List.of(
                new Object[] {"topic_flatten", 0L, 0L, 123L, "json-1", new SimpleJsonValue("{\"sex\":\"M\",\"region\":\"beijing\"}")},
                new Object[] {"topic_flatten", 0L, 1L, 456L, "json-2", new SimpleJsonValue("{\"sex\":\"W\",\"region\":\"hangzhou\"}")}));
        assertThat(rows("set odps.sql.allow.fullscan=true;\nselect * from table_flatten;")).containsExactly(
                List.of("topic_flatten", "0", "0", "123", "json-1", "{\"sex\":\"M\",\"region\":\"beijing\"}", PT),
                List.of("topic_flatten", "0", "1", "456", "json-2", "{\"sex\":\"W\",\"region\":\"hangzhou\"}", PT));
        assertThat(rows("select name, get_json_object(extendinfo, '$.region') from table_flatten where id = 456"))
                .containsExactly(List.of("json-2", "hangzhou"));
    }

    @Test
    void seed003FlattenTableWithANestedJsonColumn() throws Exception {
        sql(odps, "CREATE TABLE IF NOT EXISTS table_flatten_abc(\n  topic STRING,\n  `partition` BIGINT,\n"
                + "  `offset` BIGINT,\n  A BIGINT,\n  B STRING,\n  C JSON\n) PARTITIONED BY (pt STRING);");
        upload("table_flatten_abc", List.<Object[]>of(new Object[] {"t", 0L, 0L, 1L, "b",
                new SimpleJsonValue("{\"D\":\"d\",\"E\":\"e\"}")}));
        assertThat(odps.tables().get("table_flatten_abc").getSchema().getColumns()).extracting(c -> c.getName())
                .containsExactly("topic", "partition", "offset", "a", "b", "c");
        assertThat(rows("select a, b, c from table_flatten_abc")).containsExactly(List.of("1", "b", "{\"D\":\"d\",\"E\":\"e\"}"));
    }

    @Test
    void seed002ShowPartitionsAndSelectWithDoubleQuotedLiteral() throws Exception {
        sql(odps, "CREATE TABLE IF NOT EXISTS test_kafka(topic STRING,partition BIGINT,offset BIGINT,key STRING,"
                + "value STRING) PARTITIONED by (pt STRING);"
                + "INSERT INTO TABLE test_kafka PARTITION (pt='11-17-2020 14') VALUES ('maxcompute-test-input', 0, 0, '1', '1');");
        assertThat(rows("show partitions test_kafka;")).containsExactly(List.of("pt=11-17-2020 14"));
        assertThat(rows("select * from test_kafka where pt =\"11-17-2020 14\";"))
                .containsExactly(List.of("maxcompute-test-input", "0", "0", "1", "1", "11-17-2020 14"));
    }

    @Test
    void seed004ChangeLogMergesIntoAFullSnapshotWithAWindowFunction() throws Exception {
        sql(odps, "CREATE TABLE IF NOT EXISTS maxcompute_target_table(\n"
                + "`pk` STRING COMMENT 'Primary key field', -- Adjust this based on your actual primary key.\n"
                + "`colname` STRING COMMENT 'Column name',\n`version` BIGINT COMMENT 'Version',\n"
                + "`colvalue` STRING COMMENT 'Column value',\n`optype` STRING COMMENT 'Operation type',\n"
                + "`sequenceinfo` STRING COMMENT 'Sequence information'\n)\n"
                + "COMMENT 'Stores incremental data from Tablestore';");
        assertThat(odps.tables().get("maxcompute_target_table").getSchema().getColumn("pk").getComment())
                .isEqualTo("Primary key field");
        sql(odps, "INSERT INTO maxcompute_target_table VALUES "
                + "('a', NULL, NULL, NULL, 'DR', '0000000001_00000000000000000001_0000000000_s1:0000000000'),"
                + "('a', 'c1', 1, 'v1', 'U', '0000000001_00000000000000000001_0000000000_s1:0000000001'),"
                + "('a', 'c2', 1, 'x', 'U', '0000000001_00000000000000000001_0000000000_s1:0000000002'),"
                + "('a', 'c1', 2, 'v2', 'U', '0000000001_00000000000000000002_0000000000_s1:0000000001'),"
                + "('a', 'c2', 2, NULL, 'DA', '0000000001_00000000000000000003_0000000000_s1:0000000001'),"
                + "('b', 'c1', 1, 'w', 'U', '0000000001_00000000000000000001_0000000001_s1:0000000001'),"
                + "('c', 'c1', 1, 'gone', 'U', '0000000001_00000000000000000001_0000000002_s1:0000000001'),"
                + "('c', NULL, NULL, NULL, 'DR', '0000000001_00000000000000000004_0000000002_s1:0000000000');");
        sql(odps, "CREATE TABLE snapshot (pk STRING, colname STRING, colvalue STRING) PARTITIONED BY (ds STRING);"
                + "INSERT OVERWRITE TABLE snapshot PARTITION (ds='20240101')\n"
                + "SELECT c.pk, c.colname, c.colvalue FROM (\n"
                + "  SELECT pk, colname, colvalue, optype,\n"
                + "         row_number() OVER (PARTITION BY pk, colname ORDER BY sequenceinfo DESC) AS rn\n"
                + "  FROM maxcompute_target_table WHERE colname IS NOT NULL\n"
                + ") c LEFT OUTER JOIN (\n"
                + "  SELECT pk, max(sequenceinfo) AS deleted_at FROM maxcompute_target_table WHERE optype = 'DR' GROUP BY pk\n"
                + ") d ON c.pk = d.pk\n"
                + "WHERE c.rn = 1 AND c.optype = 'U'\n"
                + "  AND (d.deleted_at IS NULL OR d.deleted_at < (SELECT max(sequenceinfo) FROM maxcompute_target_table t\n"
                + "       WHERE t.pk = c.pk AND t.colname = c.colname));");
        assertThat(rows("SELECT pk, colname, colvalue, ds FROM snapshot ORDER BY pk, colname LIMIT 10"))
                .containsExactly(List.of("a", "c1", "v2", "20240101"), List.of("b", "c1", "w", "20240101"));
        assertThat(rows("SELECT count(*) AS n, optype FROM maxcompute_target_table GROUP BY optype ORDER BY optype"))
                .containsExactly(List.of("1", "DA"), List.of("2", "DR"), List.of("5", "U"));
    }

    @Test
    void insertOverwriteWithDynamicPartitionsAndDropTruncate() throws Exception {
        sql(odps, "CREATE TABLE src (k STRING, v BIGINT, day STRING);"
                + "INSERT INTO src VALUES ('x', 1, 'd1'), ('y', 2, 'd2'), ('z', 3, 'd2');"
                + "CREATE TABLE dst (k STRING, v BIGINT) PARTITIONED BY (day STRING);"
                + "INSERT OVERWRITE TABLE dst PARTITION (day) SELECT k, v, day FROM src;");
        assertThat(rows("show partitions dst")).containsExactly(List.of("day=d1"), List.of("day=d2"));
        sql(odps, "INSERT OVERWRITE TABLE dst PARTITION (day) SELECT k, v * 10, day FROM src WHERE day = 'd2';");
        assertThat(rows("SELECT k, v, day FROM dst ORDER BY k")).containsExactly(
                List.of("x", "1", "d1"), List.of("y", "20", "d2"), List.of("z", "30", "d2"));
        sql(odps, "TRUNCATE TABLE dst PARTITION (day='d2'); DROP TABLE IF EXISTS src; DROP TABLE IF EXISTS src;");
        assertThat(rows("SELECT k FROM dst")).containsExactly(List.of("x"));
        assertThat(odps.tables().exists("src")).isFalse();
        assertThatThrownBy(() -> sql(odps, "SELECT * FROM src")).isInstanceOf(OdpsException.class);
    }

    @Test
    void createAsSelectLikeShowTablesAndDescribe() throws Exception {
        sql(odps, "CREATE TABLE base (id BIGINT COMMENT 'the id', name STRING) PARTITIONED BY (ds STRING);"
                + "INSERT INTO base PARTITION (ds='1') VALUES (1, 'a'), (2, 'b');"
                + "CREATE TABLE copy_of_base AS SELECT id, upper(name) AS name FROM base WHERE ds = '1';"
                + "CREATE TABLE like_base LIKE base;");
        assertThat(rows("SELECT id, name FROM copy_of_base ORDER BY id")).containsExactly(List.of("1", "A"), List.of("2", "B"));
        assertThat(odps.tables().get("copy_of_base").getSchema().getColumn("id").getTypeInfo().getTypeName()).isEqualTo("BIGINT");
        assertThat(odps.tables().get("like_base").getSchema().getPartitionColumns()).extracting(c -> c.getName())
                .containsExactly("ds");
        assertThat(rows("SHOW TABLES")).contains(List.of("base"), List.of("copy_of_base"), List.of("like_base"));
        assertThat(rows("DESC base")).containsExactly(List.of("id", "BIGINT", "the id", "false"),
                List.of("name", "STRING", "", "false"), List.of("ds", "STRING", "", "true"));
        assertThatThrownBy(() -> sql(odps, "CREATE TABLE base (x STRING)")).isInstanceOf(OdpsException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void renamedFunctionsAndColumnsNamedLikeDuckDbKeywords() throws Exception {
        sql(odps, "CREATE TABLE fn (k STRING, v STRING, at BIGINT);"
                + "INSERT INTO fn VALUES ('a', NULL, 0), ('a', 'x', 86400), ('b', 'y', 216000);"); // noon UTC: the same day in every zone within 12 hours
        assertThat(rows("SELECT k, nvl(v, 'none'), size(collect_list(at)) AS n FROM fn GROUP BY k, nvl(v, 'none') ORDER BY k, 2"))
                .containsExactly(List.of("a", "none", "1"), List.of("a", "x", "1"), List.of("b", "y", "1"));
        assertThat(rows("SELECT CAST(from_unixtime(at) AS DATE) AS day FROM fn WHERE k == 'b'"))
                .containsExactly(List.of("1970-01-03"));
    }
}
