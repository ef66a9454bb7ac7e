package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;

class PersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void tablesPartitionsAndRowsSurviveARestartWithTheSameDataDir() throws Exception {
        try (MaxComputeEmulator mc = MaxComputeEmulator.start(MaxComputeEmulatorOptions.builder().dataDir(dataDir).build())) {
            sql(EmulatorClients.odps(mc), "CREATE TABLE kept (v STRING) PARTITIONED BY (pt STRING);"
                    + "INSERT INTO kept PARTITION (pt='a') VALUES ('one'), ('two');");
        }
        try (MaxComputeEmulator mc = MaxComputeEmulator.start(MaxComputeEmulatorOptions.builder().dataDir(dataDir).build())) {
            Odps odps = EmulatorClients.odps(mc);
            assertThat(odps.tables().exists("kept")).isTrue();
            assertThat(odps.tables().get("kept").hasPartition(new PartitionSpec("pt='a'"))).isTrue();
            assertThat(sql(odps, "select v from kept order by v")).extracting(r -> r.getString(0))
                    .containsExactly("one", "two");
        }
        try (MaxComputeEmulator mc = MaxComputeEmulator.start(MaxComputeEmulatorOptions.builder().build())) {
            assertThat(EmulatorClients.odps(mc).tables().exists("kept")).isFalse(); // no data dir: a fresh, in-memory project
        }
    }
}
