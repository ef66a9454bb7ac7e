package io.sinkline.emulator.maxcompute;

import java.util.List;

import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;

/** The SDK clients, pointed at an emulator exactly as a user would point them at the cloud. */
final class EmulatorClients {

    private EmulatorClients() {
    }

    static Odps odps(MaxComputeEmulator mc) {
        return odps(mc, mc.accessKeyId(), mc.accessKeySecret());
    }

    static Odps odps(MaxComputeEmulator mc, String ak, String secret) {
        Odps odps = new Odps(new AliyunAccount(ak, secret));
        odps.setEndpoint(mc.endpoint());
        odps.setDefaultProject(mc.project());
        return odps;
    }

    static TableTunnel tunnel(MaxComputeEmulator mc, Odps odps) {
        TableTunnel tunnel = new TableTunnel(odps);
        tunnel.setEndpoint(mc.tunnelEndpoint());
        return tunnel;
    }

    /** Runs a script and waits for it; the records of its last statement, every value as text. */
    static List<Record> sql(Odps odps, String script) throws OdpsException {
        Instance i = SQLTask.run(odps, script);
        i.waitForSuccess();
        return SQLTask.getResult(i);
    }
}
