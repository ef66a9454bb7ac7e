package io.sinkline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top of the command tree. Each capability adds its subcommand here (one class per
 * subcommand, so the pieces can grow independently).
 */
@Command(
        name = "sinkline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Move data from Kafka into Alibaba Cloud Tablestore and MaxCompute, "
                + "and run both services locally.",
        subcommands = {
            QuickstartCommand.class,
            EmulatorCommand.class,
            QueryCommand.class,
        })
final class SinklineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
