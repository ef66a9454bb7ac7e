package io.sinkline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sinkline emulator <service>}: runs a local emulator in the foreground until stopped. */
@Command(
        name = "emulator",
        mixinStandardHelpOptions = true,
        description = "Run a local emulator of a service that the official SDKs talk to unmodified.",
        subcommands = {io.sinkline.cli.tablestore.TablestoreEmulatorCommand.class, io.sinkline.cli.maxcompute.MaxComputeEmulatorCommand.class})
final class EmulatorCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
