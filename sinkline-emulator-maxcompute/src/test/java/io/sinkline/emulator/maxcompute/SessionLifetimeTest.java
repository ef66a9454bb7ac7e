package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.io.CompressOption;

/** Tunnel sessions expire a fixed time after their creation (24 hours on the service; 2 s here). */
class SessionLifetimeTest extends EmulatorTest {

    private static final Duration LIFETIME = Duration.ofSeconds(2);

    @Override
    protected MaxComputeEmulatorOptions options() {
        return MaxComputeEmulatorOptions.builder().port(0).tunnelSessionLifetime(LIFETIME).build();
    }

    @Test
    void anExpiredUploadSessionIsRefusedAndItsBlocksNeverBecomeVisible() throws Exception {
        sql(odps, "CREATE TABLE expiring (id BIGINT)");
        TableTunnel.UploadSession expired = tunnel.createUploadSession(mc.project(), "expiring");
        writeBlock(expired, 0, 1);
        Thread.sleep(LIFETIME.toMillis() + 200);

        assertThatThrownBy(() -> expired.commit(new Long[] {0L})).hasMessageContaining("NoSuchUpload");
        assertThatThrownBy(() -> tunnel.getUploadSession(mc.project(), "expiring", expired.getId()))
                .hasMessageContaining("NoSuchUpload");

        TableTunnel.UploadSession fresh = tunnel.createUploadSession(mc.project(), "expiring");
        writeBlock(fresh, 0, 2);
        fresh.commit(new Long[] {0L});
        assertThat(sql(odps, "select id from expiring;")).extracting(r -> r.getString("id")).containsExactly("2");
    }

    @Test
    void anExpiredDownloadSessionIsRefused() throws Exception {
        sql(odps, "CREATE TABLE downloaded (id BIGINT)");
        TableTunnel.UploadSession upload = tunnel.createUploadSession(mc.project(), "downloaded");
        writeBlock(upload, 0, 7);
        upload.commit(new Long[] {0L});
        TableTunnel.DownloadSession download = tunnel.createDownloadSession(mc.project(), "downloaded");
        assertThat(download.getRecordCount()).isEqualTo(1);
        Thread.sleep(LIFETIME.toMillis() + 200);

        assertThatThrownBy(() -> download.openRecordReader(0, 1).read()).hasMessageContaining("NoSuchDownload");
    }

    private static void writeBlock(TableTunnel.UploadSession session, long blockId, long id) throws Exception {
        try (RecordWriter writer = session.openRecordWriter(blockId, new CompressOption())) {
            Record r = session.newRecord();
            r.setBigint("id", id);
            writer.write(r);
        }
    }
}
