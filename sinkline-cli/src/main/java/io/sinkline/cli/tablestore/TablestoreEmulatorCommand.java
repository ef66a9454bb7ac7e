package io.sinkline.cli.tablestore;

import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;
import io.sinkline.cli.ForegroundService;
import io.sinkline.cli.StsTrust;
import io.sinkline.emulator.tablestore.sts.StsEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sinkline emulator tablestore}: a local Tablestore in the foreground until Ctrl-C. */
@Command(
        name = "tablestore",
        mixinStandardHelpOptions = true,
        description = "Run a local Tablestore that the official SDKs talk to unmodified.")
public final class TablestoreEmulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8800", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--instance", defaultValue = TablestoreEmulatorOptions.DEFAULT_INSTANCE,
            description = "Instance name (default: ${DEFAULT-VALUE}).")
    String instance;

    @Option(names = "--access-key-id", defaultValue = TablestoreEmulatorOptions.DEFAULT_ACCESS_KEY_ID,
            description = "Access key id clients use (default: ${DEFAULT-VALUE}).")
    String accessKeyId;

    @Option(names = "--access-key-secret", defaultValue = "${env:SINKLINE_OTS_ACCESS_KEY_SECRET:-"
            + TablestoreEmulatorOptions.DEFAULT_ACCESS_KEY_SECRET + "}",
            description = "Access key secret (default: $SINKLINE_OTS_ACCESS_KEY_SECRET or the emulator's default).")
    String accessKeySecret;

    @Option(names = "--strict", description = "Verify request signatures; reject other keys with 403 OTSAuthFailed.")
    boolean strict;

    @Option(names = "--sts", description = "Also run an STS AssumeRole endpoint (HTTPS, on a port of its own) that issues"
            + " temporary keys this emulator accepts until they expire.")
    boolean sts;

    @Option(names = "--data-dir", description = "Keep data in this directory across restarts (default: in memory).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        TablestoreEmulator emulator = TablestoreEmulator.start(TablestoreEmulatorOptions.builder()
                .port(port).bindAddress(bind).instanceName(instance)
                .accessKeyId(accessKeyId).accessKeySecret(accessKeySecret)
                .strict(strict).sts(sts).dataDir(dataDir).build());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Tablestore emulator listening on %s%n", emulator.endpoint());
        out.printf("  instance: %s  access key id: %s  strict: %s  data: %s%n", instance, accessKeyId, strict,
                dataDir == null ? "in memory" : dataDir.toAbsolutePath());
        out.printf("  faults:   %s/_sinkline/faults%n", emulator.endpoint());
        if (sts) {
            StsTrust.describe(out, emulator.stsEndpoint(), StsEndpoint.trustStore(), StsEndpoint.STORE_PASSWORD);
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        ForegroundService.runUntilStopped(emulator, "tablestore-emulator");
        return 0;
    }
}
