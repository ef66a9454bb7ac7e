package io.sinkline.emulator.maxcompute;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import com.aliyun.odps.Odps;
import com.aliyun.odps.tunnel.TableTunnel;

/** A test class that runs against one emulator, with the SDK clients pointed at it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmulatorTest {

    protected MaxComputeEmulator mc;
    protected Odps odps;
    protected TableTunnel tunnel;

    /** The emulator's options; a class overrides this for strict mode or other keys. */
    protected MaxComputeEmulatorOptions options() {
        return MaxComputeEmulatorOptions.builder().port(0).build();
    }

    @BeforeAll
    void startEmulator() {
        mc = MaxComputeEmulator.start(options());
        odps = EmulatorClients.odps(mc);
        tunnel = EmulatorClients.tunnel(mc, odps);
    }

    @AfterAll
    void stopEmulator() {
        mc.close();
    }
}
