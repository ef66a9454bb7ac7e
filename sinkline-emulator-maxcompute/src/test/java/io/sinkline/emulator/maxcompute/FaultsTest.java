package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TunnelException;

import io.sinkline.emulator.maxcompute.faults.FaultTarget;

class FaultsTest extends EmulatorTest {

    @BeforeAll
    void createTables() throws Exception {
        sql(odps, "CREATE TABLE f (id BIGINT)");
        sql(odps, "CREATE TABLE streamed (id BIGINT)");
    }

    @AfterEach
    void clear() {
        mc.faults().clear();
    }

    @Test
    void anErrorRateAnswersTheChosenStatusAndCode() {
        mc.faults().errorRate(FaultTarget.INSTANCES, 1.0, 400, "ODPS-0420061");
        assertThatThrownBy(() -> sql(odps, "select 1"))
                .isInstanceOfSatisfying(OdpsException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(400);
                    assertThat(e.getErrorCode()).isEqualTo("ODPS-0420061");
                });
        assertThat(mc.faults().injected(FaultTarget.INSTANCES)).as("faults injected, counted").isPositive();
        assertThat(mc.faults().injected(FaultTarget.TUNNEL_UPLOAD_CREATE)).isZero();
        TableTunnel tunnel = EmulatorClients.tunnel(mc, odps);
        mc.faults().clear();
        assertThat(mc.faults().injected(FaultTarget.INSTANCES)).as("counts cleared with the faults").isZero();
        mc.faults().errorRate(FaultTarget.TUNNEL_UPLOAD_CREATE, 1.0, 403, "NoPermission");
        assertThatThrownBy(() -> tunnel.createUploadSession(mc.project(), "f"))
                .isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoPermission"));
        assertThat(mc.faults().injected(FaultTarget.TUNNEL_UPLOAD_CREATE)).isEqualTo(1);
    }

    @Test
    void streamWritesCanFail() throws Exception {
        TableTunnel.StreamUploadSession session = EmulatorClients.tunnel(mc, odps).buildStreamUploadSession(mc.project(), "streamed").build();
        mc.faults().errorRate(FaultTarget.TUNNEL_STREAM_WRITE, 1.0, 400, "InvalidRequest"); // a 4xx: the SDK does not retry it
        TableTunnel.StreamRecordPack pack = session.newRecordPack();
        Record row = session.newRecord();
        row.setBigint("id", 3L);
        pack.append(row);
        assertThatThrownBy(pack::flush).hasMessageContaining("InvalidRequest");
        assertThat(mc.faults().injected(FaultTarget.TUNNEL_STREAM_WRITE)).isEqualTo(1);
        mc.faults().clear();
        mc.faults().failNext(FaultTarget.TUNNEL_STREAM_WRITE, 1, 400, "InvalidRequest");
        assertThatThrownBy(pack::flush).as("the next write fails").hasMessageContaining("InvalidRequest");
        pack.flush(); // and the one after lands
        assertThat(sql(odps, "select count(*) from streamed").get(0).getString(0)).isEqualTo("1");
    }

    @Test
    void aFailedCommitLeavesTheDataInvisibleAndARetrySucceeds() throws Exception {
        TableTunnel tunnel = EmulatorClients.tunnel(mc, odps);
        TableTunnel.UploadSession session = tunnel.createUploadSession(mc.project(), "f");
        writeOneRow(session, 1L);
        mc.faults().failCommits(1, 409, "ConcurrentCommit"); // a 4xx: the SDK does not retry it by itself
        assertThatThrownBy(session::commit).isInstanceOfSatisfying(TunnelException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("ConcurrentCommit"));
        assertThat(count()).isEqualTo("0");
        session.commit();
        assertThat(count()).isEqualTo("1");
    }

    @Test
    void aServerErrorOnCommitIsRetriedByTheSdk() throws Exception {
        TableTunnel tunnel = EmulatorClients.tunnel(mc, odps);
        TableTunnel.UploadSession session = tunnel.createUploadSession(mc.project(), "f");
        writeOneRow(session, 2L);
        String before = count();
        mc.faults().failCommits(1); // 500: the SDK waits a second and commits again
        session.commit();
        assertThat(Long.parseLong(count())).isEqualTo(Long.parseLong(before) + 1);
    }

    private void writeOneRow(TableTunnel.UploadSession session, long id) throws Exception {
        try (RecordWriter w = session.openRecordWriter(0)) {
            Record r = session.newRecord();
            r.setBigint("id", id);
            w.write(r);
        }
    }

    private String count() throws OdpsException {
        return sql(odps, "select count(*) from f").get(0).getString(0);
    }

    @Test
    void droppedConnectionsSurfaceAsNetworkErrors() {
        mc.faults().dropConnections(FaultTarget.METADATA, 1.0);
        Odps noRetry = EmulatorClients.odps(mc);
        noRetry.getRestClient().setRetryTimes(0);
        assertThatThrownBy(() -> noRetry.tables().exists("f")).isInstanceOf(OdpsException.class)
                .hasMessageContaining("Unexpected end of file");
    }

    @Test
    void theAdminEndpointSetsListsAndClearsFaultsOfARunningEmulator() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String admin = mc.tunnelEndpoint() + "/_sinkline/faults";
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(admin
                + "/request-error?target=tunnel_upload_create&rate=1&status=403&code=NoPermission"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(admin)).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("TUNNEL_UPLOAD_CREATE", "403", "NoPermission");
        assertThatThrownBy(() -> EmulatorClients.tunnel(mc, odps).createUploadSession(mc.project(), "f"))
                .isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
        assertThat(http.send(HttpRequest.newBuilder(URI.create(admin)).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("injected target=TUNNEL_UPLOAD_CREATE count=1");
        http.send(HttpRequest.newBuilder(URI.create(admin + "/clear")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(EmulatorClients.tunnel(mc, odps).createUploadSession(mc.project(), "f").getId()).isNotBlank();
    }
}
