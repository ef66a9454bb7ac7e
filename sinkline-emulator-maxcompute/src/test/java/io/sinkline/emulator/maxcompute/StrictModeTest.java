package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.account.StsAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.tunnel.TableTunnel;

class StrictModeTest extends EmulatorTest {

    @Override
    protected MaxComputeEmulatorOptions options() {
        return MaxComputeEmulatorOptions.builder().strict(true).accessKeyId("LTAI-test").accessKeySecret("s3cret").build();
    }

    @Test
    void theRightKeyWorksForRestAndTunnel() throws Exception {
        sql(odps, "CREATE TABLE signed (v STRING) PARTITIONED BY (pt STRING); ALTER TABLE signed ADD PARTITION (pt='a b');");
        TableTunnel.UploadSession s = tunnel.createUploadSession(mc.project(), "signed", new PartitionSpec("pt='a b'"));
        try (RecordWriter w = s.openRecordWriter(0)) {
            Record r = s.newRecord();
            r.setString("v", "x");
            w.write(r);
        }
        s.commit();
        assertThat(sql(odps, "select v from signed")).extracting(r -> r.getString(0)).containsExactly("x");
    }

    @Test
    void aWrongSecretOrAnUnknownKeyIsRejected() {
        Odps wrongSecret = EmulatorClients.odps(mc, "LTAI-test", "not-the-secret");
        assertThatThrownBy(() -> wrongSecret.tables().exists("signed"))
                .isInstanceOf(OdpsException.class).hasMessageContaining("signature");
        Odps unknownKey = EmulatorClients.odps(mc, "LTAI-other", "s3cret");
        assertThatThrownBy(() -> sql(unknownKey, "select 1"))
                .isInstanceOf(OdpsException.class).hasMessageContaining("AccessKeyId");
        TableTunnel wrongTunnel = EmulatorClients.tunnel(mc, wrongSecret);
        assertThatThrownBy(() -> wrongTunnel.createUploadSession(mc.project(), "signed", new PartitionSpec("pt='a b'")))
                .isInstanceOf(OdpsException.class).hasMessageContaining("SignatureNotMatch");
    }

    /** With a region the SDK signs V4 ({@code ODPS <ak>/<date>/<region>/odps/aliyun_v4_request:<sig>}). */
    @Test
    void v4SignaturesOfTheRightKeyWorkAndOfAWrongSecretDoNot() throws Exception {
        Odps v4 = new Odps(new AliyunAccount("LTAI-test", "s3cret", "cn-shanghai"));
        v4.setEndpoint(mc.endpoint());
        v4.setDefaultProject(mc.project());
        sql(v4, "CREATE TABLE IF NOT EXISTS signed_v4 (v STRING)");
        TableTunnel.UploadSession s = EmulatorClients.tunnel(mc, v4).createUploadSession(mc.project(), "signed_v4");
        try (RecordWriter w = s.openRecordWriter(0)) {
            Record r = s.newRecord();
            r.setString("v", "v4");
            w.write(r);
        }
        s.commit();
        assertThat(sql(v4, "select v from signed_v4")).extracting(r -> r.getString(0)).containsExactly("v4");

        Odps wrong = new Odps(new AliyunAccount("LTAI-test", "not-the-secret", "cn-shanghai"));
        wrong.setEndpoint(mc.endpoint());
        wrong.setDefaultProject(mc.project());
        assertThatThrownBy(() -> wrong.tables().exists("signed_v4")).isInstanceOf(OdpsException.class)
                .hasMessageContaining("signature");
        Odps unknownTemporary = new Odps(new StsAccount("STS.unknown", "s3cret", "token"));
        unknownTemporary.setEndpoint(mc.endpoint());
        unknownTemporary.setDefaultProject(mc.project());
        assertThatThrownBy(() -> sql(unknownTemporary, "select 1")).isInstanceOf(OdpsException.class)
                .hasMessageContaining("AccessKeyId");
    }
}
