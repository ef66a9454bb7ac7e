package io.sinkline.cli.maxcompute;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.sinkline.emulator.maxcompute.MaxComputeEmulator;
import io.sinkline.emulator.maxcompute.MaxComputeEmulatorOptions;
import io.sinkline.cli.ForegroundService;
import io.sinkline.cli.StsTrust;
import io.sinkline.emulator.maxcompute.sts.StsEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sinkline emulator maxcompute}: a local MaxCompute (REST + Tunnel on one port) until Ctrl-C. */
@Command(
        name = "maxcompute",
        mixinStandardHelpOptions = true,
        description = "Run a local MaxCompute that odps-sdk-core talks to unmodified (REST, SQL, batch and streaming Tunnel).")
public final class MaxComputeEmulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8900", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--project", defaultValue = MaxComputeEmulatorOptions.DEFAULT_PROJECT,
            description = "Project name (default: ${DEFAULT-VALUE}).")
    String project;

    @Option(names = "--access-key-id", defaultValue = MaxComputeEmulatorOptions.DEFAULT_ACCESS_KEY_ID,
            description = "Access key id clients use (default: ${DEFAULT-VALUE}).")
    String accessKeyId;

    @Option(names = "--access-key-secret", defaultValue = "${env:SINKLINE_MC_ACCESS_KEY_SECRET:-"
            + MaxComputeEmulatorOptions.DEFAULT_ACCESS_KEY_SECRET + "}",
            description = "Access key secret (default: $SINKLINE_MC_ACCESS_KEY_SECRET or the emulator's default).")
    String accessKeySecret;

    @Option(names = "--strict", description = "Verify request signatures; reject other keys with 403.")
    boolean strict;

    @Option(names = "--sts", description = "Also run an STS AssumeRole endpoint (HTTPS, on a port of its own) that issues"
            + " temporary keys this emulator accepts until they expire.")
    boolean sts;

    @Option(names = "--data-dir", description = "Keep tables in this directory across restarts (default: in memory).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        MaxComputeEmulator emulator = MaxComputeEmulator.start(MaxComputeEmulatorOptions.builder()
                .host(bind).port(port).project(project).accessKeyId(accessKeyId).accessKeySecret(accessKeySecret)
                .strict(strict).sts(sts).dataDir(dataDir).build());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("MaxCompute emulator listening on %s%n", emulator.endpoint());
        out.printf("  tunnel:  %s%n", emulator.tunnelEndpoint());
        out.printf("  faults:  %s/_sinkline/faults%n", emulator.tunnelEndpoint());
        out.printf("  project: %s  access key id: %s  strict: %s  data: %s%n", project, accessKeyId, strict,
                dataDir == null ? "in memory" : dataDir.toAbsolutePath());
        if (sts) {
            StsTrust.describe(out, emulator.stsEndpoint(), StsEndpoint.trustStore(), StsEndpoint.STORE_PASSWORD);
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        ForegroundService.runUntilStopped(emulator, "maxcompute-emulator");
        return 0;
    }
}
