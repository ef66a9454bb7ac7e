package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.ReservedThroughput;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;

/** Test helpers: SDK clients for an emulator and common tables, all through the SDK. */
final class EmulatorFixture {

    private EmulatorFixture() {
    }

    static SyncClient client(TablestoreEmulator ots) {
        ClientConfiguration conf = new ClientConfiguration();
        conf.setRetryStrategy(new com.alicloud.openservices.tablestore.model.DefaultRetryStrategy(
                2, java.util.concurrent.TimeUnit.SECONDS));
        return new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName(), conf);
    }

    /** Table {@code name} with primary key (pk STRING, seq INTEGER). */
    static void createTable(SyncClient client, String name, int maxVersions) {
        TableMeta meta = new TableMeta(name);
        meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("seq", PrimaryKeyType.INTEGER);
        client.createTable(new CreateTableRequest(meta, new TableOptions(-1, maxVersions), new ReservedThroughput(0, 0)));
    }
}
