package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.ClientException;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.*;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.sinkline.emulator.tablestore.TableAndRowTest.pk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {
    static TablestoreEmulator ots;
    static SyncClient retrying;
    static SyncClient noRetry;

    @BeforeAll
    static void start() {
        ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().build());
        retrying = EmulatorFixture.client(ots);
        noRetry = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName(), NoRetry.config());
        EmulatorFixture.createTable(retrying, "faults", 1);
    }

    @AfterEach
    void clear() {
        ots.faults().clear();
    }

    @AfterAll
    static void stop() {
        retrying.shutdown();
        noRetry.shutdown();
        ots.close();
    }

    @Test
    void serverBusyHasTheServiceStatusAndTheSdkRetriesIt() {
        ots.faults().failNextRequests("PutRow", 2, "OTSServerBusy");
        assertThatThrownBy(() -> noRetry.putRow(new PutRowRequest(put(1))))
                .isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSServerBusy");
                    assertThat(e.getHttpStatus()).isEqualTo(503);
                });
        // One injected failure left: the default retry strategy gets past it.
        retrying.putRow(new PutRowRequest(put(2)));
        assertThat(VersionsAndTtlTest.get(retrying, "faults", pk("f", 2))).isNotNull();
        assertThat(VersionsAndTtlTest.get(retrying, "faults", pk("f", 1))).isNull();
    }

    @Test
    void failsChosenRowsOfABatchAndWritesTheOthers() {
        ots.faults().failRows("BatchWriteRow", 1.0, "OTSRowOperationConflict", 2);
        BatchWriteRowRequest batch = new BatchWriteRowRequest();
        for (int i = 10; i < 15; i++) {
            batch.addRowChange(put(i));
        }
        BatchWriteRowResponse r = noRetry.batchWriteRow(batch);
        assertThat(r.getFailedRows()).extracting(BatchWriteRowResponse.RowResult::getIndex).containsExactly(0, 1);
        assertThat(r.getFailedRows().get(0).getError().getCode()).isEqualTo("OTSRowOperationConflict");
        assertThat(VersionsAndTtlTest.get(retrying, "faults", pk("f", 10))).isNull();
        assertThat(VersionsAndTtlTest.get(retrying, "faults", pk("f", 12))).isNotNull();
    }

    @Test
    void dropsConnections() {
        ots.faults().dropConnections("PutRow", 1.0, 1);
        assertThatThrownBy(() -> noRetry.putRow(new PutRowRequest(put(20)))).isInstanceOf(ClientException.class);
        noRetry.putRow(new PutRowRequest(put(21)));
    }

    @Test
    void adminApiSwitchesFaultsOnAndOff() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(ots.endpoint()
                        + "/_sinkline/faults/request-error?action=GetRow&rate=1&code=OTSPartitionUnavailable"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(ots.endpoint() + "/_sinkline/faults")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.body()).contains("OTSPartitionUnavailable");
        assertThatThrownBy(() -> VersionsAndTtlTest.get(noRetry, "faults", pk("f", 1)))
                .isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSPartitionUnavailable");
                    assertThat(e.getHttpStatus()).isEqualTo(503);
                });
        http.send(HttpRequest.newBuilder(URI.create(ots.endpoint() + "/_sinkline/faults/clear"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(VersionsAndTtlTest.get(noRetry, "faults", pk("f", 1))).isNull();
    }

    private static RowPutChange put(long seq) {
        RowPutChange put = new RowPutChange("faults", pk("f", seq));
        put.addColumn("v", ColumnValue.fromLong(seq));
        return put;
    }
}
