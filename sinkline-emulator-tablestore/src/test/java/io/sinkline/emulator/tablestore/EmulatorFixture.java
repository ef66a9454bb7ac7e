package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeIteratorParameter;
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

    /** Counts a (pk, seq) table's rows with the SDK's range iterator, reading {@code bufferSize} rows per GetRange. */
    static long countRows(SyncClient client, String table, int bufferSize) {
        RangeIteratorParameter p = new RangeIteratorParameter(table);
        p.setInclusiveStartPrimaryKey(BatchAndRangeTest.bound(PrimaryKeyValue.INF_MIN));
        p.setExclusiveEndPrimaryKey(BatchAndRangeTest.bound(PrimaryKeyValue.INF_MAX));
        p.setMaxVersions(1);
        p.setBufferSize(bufferSize);
        long n = 0;
        var it = client.createRangeIterator(p);
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }
}
