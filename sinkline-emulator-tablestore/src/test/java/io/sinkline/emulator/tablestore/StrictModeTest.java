package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.ClientException;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictModeTest {

    @Test
    void strictModeAcceptsTheConfiguredKeyAndRejectsOthers() {
        try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder()
                .accessKeyId("ak").accessKeySecret("right-secret").strict(true).build())) {
            SyncClient good = new SyncClient(ots.endpoint(), "ak", "right-secret", ots.instanceName());
            SyncClient wrongSecret = new SyncClient(ots.endpoint(), "ak", "wrong-secret", ots.instanceName(), NoRetry.config());
            SyncClient wrongKey = new SyncClient(ots.endpoint(), "other", "right-secret", ots.instanceName(), NoRetry.config());
            try {
                assertThat(good.listTable().getTableNames()).isEmpty();
                assertThatThrownBy(wrongSecret::listTable).isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSAuthFailed");
                    assertThat(e.getHttpStatus()).isEqualTo(403);
                });
                assertThatThrownBy(wrongKey::listTable).isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSAuthFailed");
                    assertThat(e.getHttpStatus()).isEqualTo(403);
                });
            } finally {
                good.shutdown();
                wrongSecret.shutdown();
                wrongKey.shutdown();
            }
        }
    }

    @Test
    void strictModeRejectsAnotherInstanceName() {
        try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder()
                .instanceName("mine").strict(true).build())) {
            SyncClient other = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), "theirs", NoRetry.config());
            try {
                assertThatThrownBy(other::listTable).isInstanceOfSatisfying(TableStoreException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("OTSAuthFailed");
                    assertThat(e.getHttpStatus()).isEqualTo(403);
                });
            } finally {
                other.shutdown();
            }
        }
    }

    @Test
    void defaultModeAcceptsAnyKeyButSignsResponsesWithItsOwnSecret() {
        try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().build())) {
            SyncClient other = new SyncClient(ots.endpoint(), ots.accessKeyId(), "not-the-secret", ots.instanceName(), NoRetry.config());
            SyncClient good = EmulatorFixture.client(ots);
            try {
                assertThat(good.listTable().getTableNames()).isEmpty();
                // The request is accepted, but the SDK refuses a response not signed with its own secret.
                assertThatThrownBy(other::listTable).isInstanceOf(ClientException.class)
                        .hasMessageContaining("Validate response authorization failed");
            } finally {
                other.shutdown();
                good.shutdown();
            }
        }
    }
}
