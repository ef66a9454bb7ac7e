package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.aliyun.odps.Column;
import com.aliyun.odps.Instance;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.data.ResultSet;
import com.aliyun.odps.data.SimpleJsonValue;
import com.aliyun.odps.data.SimpleStruct;
import com.aliyun.odps.data.Struct;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.io.CompressOption;
import com.aliyun.odps.type.StructTypeInfo;

class TypesRoundTripTest extends EmulatorTest {

    @BeforeAll
    void createTables() throws Exception {
        sql(odps, "CREATE TABLE all_types (s STRING, b BIGINT, i INT, d DOUBLE, flag BOOLEAN, dec DECIMAL(18,4),"
                + " day DATE, dt DATETIME, ts TIMESTAMP, bin BINARY, j JSON, tags ARRAY<STRING>,"
                + " props MAP<STRING,BIGINT>, person STRUCT<name:STRING, age:INT>) PARTITIONED BY (pt STRING);"
                + "ALTER TABLE all_types ADD PARTITION (pt='p1');");
    }

    private Record full(TableTunnel.UploadSession session) {
        ArrayRecord r = (ArrayRecord) session.newRecord();
        r.setString("s", "héllo, \"world\"");
        r.setBigint("b", Long.MIN_VALUE + 1);
        r.set("i", 42);
        r.setDouble("d", 3.25);
        r.setBoolean("flag", true);
        r.setDecimal("dec", new BigDecimal("12345.6789"));
        r.set("day", LocalDate.of(2024, 2, 29));
        r.set("dt", ZonedDateTime.of(2024, 3, 1, 12, 30, 45, 0, ZoneId.systemDefault()));
        r.set("ts", Instant.parse("2024-03-01T04:05:06.123456789Z"));
        r.set("bin", new Binary(new byte[] {0, 1, (byte) 0xff}));
        r.set("j", new SimpleJsonValue("{\"a\":1}"));
        r.setArray("tags", List.of("x", "y"));
        Map<String, Long> props = new LinkedHashMap<>();
        props.put("k", 7L);
        r.setMap("props", props);
        StructTypeInfo personType = (StructTypeInfo) session.getSchema().getColumn("person").getTypeInfo();
        r.setStruct("person", new SimpleStruct(personType, new ArrayList<>(List.of("ann", 30))));
        return r;
    }

    @Test
    void everyTypeAndNullsSurviveUploadThenDownload() throws Exception {
        PartitionSpec pt = new PartitionSpec("pt='p1'");
        TableTunnel.UploadSession up = tunnel.createUploadSession(mc.project(), "all_types", pt);
        for (CompressOption.CompressAlgorithm algorithm : List.of(CompressOption.CompressAlgorithm.ODPS_RAW,
                CompressOption.CompressAlgorithm.ODPS_ZLIB, CompressOption.CompressAlgorithm.ODPS_SNAPPY,
                CompressOption.CompressAlgorithm.ODPS_LZ4_FRAME, CompressOption.CompressAlgorithm.ODPS_ZSTD)) {
            try (RecordWriter w = up.openRecordWriter(algorithm.ordinal(), new CompressOption(algorithm, 1, 0))) {
                w.write(full(up));
                w.write(up.newRecord()); // every column NULL
            }
        }
        up.commit();

        TableTunnel.DownloadSession down = tunnel.createDownloadSession(mc.project(), "all_types", pt);
        assertThat(down.getRecordCount()).isEqualTo(10);
        List<Record> rows = new ArrayList<>();
        try (RecordReader reader = down.openRecordReader(0, 10)) {
            Record r;
            while ((r = reader.read()) != null) {
                rows.add(r);
            }
        }
        assertThat(rows).hasSize(10);
        ArrayRecord r = (ArrayRecord) rows.get(0);
        assertThat(r.getString("s")).isEqualTo("héllo, \"world\"");
        assertThat(r.getBigint("b")).isEqualTo(Long.MIN_VALUE + 1);
        assertThat(r.get("i")).isEqualTo(42);
        assertThat(r.getDouble("d")).isEqualTo(3.25);
        assertThat(r.getBoolean("flag")).isTrue();
        assertThat(r.getDecimal("dec")).isEqualByComparingTo("12345.6789");
        assertThat(r.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(((ZonedDateTime) r.get("dt")).toInstant())
                .isEqualTo(ZonedDateTime.of(2024, 3, 1, 12, 30, 45, 0, ZoneId.systemDefault()).toInstant());
        assertThat(r.get("ts")).isEqualTo(Instant.parse("2024-03-01T04:05:06.123456789Z"));
        assertThat(((Binary) r.get("bin")).data()).containsExactly(0, 1, 0xff);
        assertThat(r.get("j").toString()).isEqualTo("{\"a\":1}");
        assertThat(r.getArray(String.class, "tags")).containsExactly("x", "y");
        assertThat(r.getMap(String.class, Long.class, "props")).containsExactly(Map.entry("k", 7L));
        Struct person = r.getStruct("person");
        assertThat(person.getFieldValue("name")).isEqualTo("ann");
        assertThat(person.getFieldValue("age")).isEqualTo(30);

        Record nulls = rows.get(1);
        for (int c = 0; c < nulls.getColumnCount(); c++) {
            assertThat(nulls.get(c)).as("column %s", nulls.getColumns()[c].getName()).isNull();
        }
        assertThat(rows.subList(2, 10)).extracting(x -> x.getString("s"))
                .containsExactly("héllo, \"world\"", null, "héllo, \"world\"", null, "héllo, \"world\"", null,
                        "héllo, \"world\"", null);
    }

    @Test
    void downloadHonoursRowRangesAndColumnSelection() throws Exception {
        sql(odps, "CREATE TABLE ranged (id BIGINT, name STRING, extra DOUBLE);"
                + "INSERT INTO ranged VALUES (1, 'a', 0.5), (2, 'b', 1.5), (3, 'c', 2.5), (4, 'd', 3.5);");
        TableTunnel.DownloadSession down = tunnel.createDownloadSession(mc.project(), "ranged");
        assertThat(down.getRecordCount()).isEqualTo(4);
        List<Column> columns = List.of(down.getSchema().getColumn("name"), down.getSchema().getColumn("id"));
        List<String> seen = new ArrayList<>();
        try (RecordReader reader = down.openRecordReader(1, 2, false, columns)) {
            Record r;
            while ((r = reader.read()) != null) {
                assertThat(r.getColumnCount()).isEqualTo(2);
                seen.add(r.getString("name") + r.getBigint("id"));
            }
        }
        assertThat(seen).containsExactly("b2", "c3");
        assertThat(new String(sql(odps, "select name from ranged where id = 4").get(0).getString(0)
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("d");
    }

    @Test
    void queryResultsComeTypedThroughTheInstanceTunnel() throws Exception {
        sql(odps, "CREATE TABLE typed_result (id BIGINT, name STRING, amount DECIMAL(10,2), at DATETIME);"
                + "INSERT INTO typed_result VALUES (7, 'seven', 7.25, CAST('2024-05-06 07:08:09' AS DATETIME)), (8, NULL, NULL, NULL);");
        Instance i = SQLTask.run(odps, "select id, name, amount, at, id * 2 AS doubled from typed_result order by id");
        i.waitForSuccess();
        ResultSet rs = SQLTask.getResultSet(i);
        assertThat(rs.getTableSchema().getColumns()).extracting(Column::getName)
                .containsExactly("id", "name", "amount", "at", "doubled");
        List<Record> rows = new ArrayList<>();
        rs.forEach(rows::add);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getBigint("id")).isEqualTo(7L);
        assertThat(rows.get(0).getString("name")).isEqualTo("seven");
        assertThat(rows.get(0).getDecimal("amount")).isEqualByComparingTo("7.25");
        assertThat(((ZonedDateTime) rows.get(0).get("at")).toLocalDateTime()).isEqualTo("2024-05-06T07:08:09");
        assertThat(rows.get(0).getBigint("doubled")).isEqualTo(14L);
        assertThat(rows.get(1).get("name")).isNull();
        assertThat(rows.get(1).get("amount")).isNull();
    }
}
