package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import io.sinkline.emulator.tablestore.faults.FaultInjector;
import io.sinkline.emulator.tablestore.stream.StreamRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One emulator and one SDK client per test class: {@code @RegisterExtension static final
 * EmulatorExtension ots = new EmulatorExtension();}. Started before the class's own
 * {@code @BeforeAll} methods, stopped after the class.
 */
final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback {
    private final TablestoreEmulatorOptions options;
    private TablestoreEmulator emulator;
    private SyncClient client;

    EmulatorExtension() {
        this(TablestoreEmulatorOptions.builder().build());
    }

    EmulatorExtension(TablestoreEmulatorOptions options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = TablestoreEmulator.start(options);
        client = EmulatorFixture.client(emulator);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.shutdown();
        emulator.close();
    }

    SyncClient client() {
        return client;
    }

    TablestoreEmulator emulator() {
        return emulator;
    }

    String endpoint() {
        return emulator.endpoint();
    }

    String instanceName() {
        return emulator.instanceName();
    }

    String accessKeyId() {
        return emulator.accessKeyId();
    }

    String accessKeySecret() {
        return emulator.accessKeySecret();
    }

    FaultInjector faults() {
        return emulator.faults();
    }

    StreamRegistry streams() {
        return emulator.streams();
    }
}
