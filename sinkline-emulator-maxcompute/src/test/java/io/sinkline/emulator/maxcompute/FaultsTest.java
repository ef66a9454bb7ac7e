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
        TableTunnel tunnel = EmulatorClients.tunnel(mc, odps);
        mc.faults().clear();
        mc.faults().errorRate(FaultTarget.TUNNEL_UPLOAD_CREATE, 1.0, 403, "NoPermission");
        assertThatThrownBy(() -> tunnel.createUploadSession(mc.project(), "f"))
                .isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoPermission"));
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
        http.send(HttpRequest.newBuilder(URI.create(admin + "/clear")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(EmulatorClients.tunnel(mc, odps).createUploadSession(mc.project(), "f").getId()).isNotBlank();
    }
}
