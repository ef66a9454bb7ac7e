package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.DefaultTableStoreWriter;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.core.auth.DefaultCredentials;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.writer.RowWriteResult;
import com.alicloud.openservices.tablestore.writer.WriterConfig;
import com.alicloud.openservices.tablestore.writer.enums.BatchRequestType;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.sinkline.emulator.tablestore.TableAndRowTest.pk;
import static org.assertj.core.api.Assertions.assertThat;

/** TableStoreWriter (the SDK's batching writer) through BatchWriteRow and BulkImport. */
class WriterTest {
    @RegisterExtension
    static final EmulatorExtension ots = new EmulatorExtension();

    @ParameterizedTest
    @CsvSource({"writer_batch, BATCH_WRITE_ROW, 100000", "writer_bulk, BULK_IMPORT, 20000"})
    void writesEveryRowWithEveryCallbackSucceeding(String table, BatchRequestType type, int rows) {
        EmulatorFixture.createTable(ots.client(), table, 1);
        WriterConfig config = new WriterConfig();
        config.setBatchRequestType(type);
        config.setMaxBatchRowsCount(200);
        config.setConcurrency(8);
        AtomicInteger succeeded = new AtomicInteger();
        Set<String> failures = Collections.newSetFromMap(new ConcurrentHashMap<>());
        TableStoreCallback<RowChange, RowWriteResult> callback = new TableStoreCallback<>() {
            @Override
            public void onCompleted(RowChange req, RowWriteResult res) {
                succeeded.incrementAndGet();
            }

            @Override
            public void onFailed(RowChange req, Exception ex) {
                failures.add(ex.toString());
            }
        };
        DefaultTableStoreWriter writer = new DefaultTableStoreWriter(ots.endpoint(),
                new DefaultCredentials(ots.accessKeyId(), ots.accessKeySecret()), ots.instanceName(), table, config, callback);
        try {
            for (int i = 0; i < rows; i++) {
                RowPutChange put = new RowPutChange(table, pk("w" + (i % 97), i));
                put.addColumn("n", ColumnValue.fromLong(i));
                put.addColumn("s", ColumnValue.fromString("row-" + i));
                writer.addRowChange(put);
            }
            writer.flush();
        } finally {
            writer.close();
        }
        assertThat(failures).isEmpty();
        assertThat(succeeded.get()).isEqualTo(rows);
        assertThat(EmulatorFixture.countRows(ots.client(), table, 5000)).isEqualTo(rows);
    }
}
