package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.aliyun.odps.NoSuchObjectException;
import com.aliyun.odps.Odps;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.tunnel.TableTunnel;

class DiscoveryTest {

    @Test
    void theTunnelIsFoundFromTheRestEndpointAloneAndThreeLayerNamesWork() throws Exception {
        try (MaxComputeEmulator mc = MaxComputeEmulator.start(MaxComputeEmulatorOptions.builder().project("proj").build())) {
            Odps odps = EmulatorClients.odps(mc);
            assertThat(odps.projects().get("proj").getTunnelEndpoint()).isEqualTo(mc.tunnelEndpoint());
            sql(odps, "CREATE TABLE proj.default.three (v STRING)");
            TableTunnel tunnel = new TableTunnel(odps); // no endpoint set: discovery through GET /projects/proj/tunnel?service
            TableTunnel.UploadSession s = tunnel.createUploadSession("proj", "three");
            try (RecordWriter w = s.openRecordWriter(0)) {
                Record r = s.newRecord();
                r.setString("v", "ok");
                w.write(r);
            }
            s.commit();
            assertThat(sql(odps, "select v from proj.three")).extracting(r -> r.getString(0)).containsExactly("ok");
            assertThat(odps.projects().get("proj").getName()).isEqualTo("proj");
            assertThatThrownBy(() -> odps.projects().get("other").reload()).isInstanceOf(NoSuchObjectException.class);
        }
    }
}
