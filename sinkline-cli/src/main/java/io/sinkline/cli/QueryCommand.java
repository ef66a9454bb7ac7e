package io.sinkline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sinkline query <service>}: prints data as a text table, as the consoles' Query Data tab does. */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "Print the data of a table, against an emulator or the cloud.",
        subcommands = {io.sinkline.cli.tablestore.TablestoreQueryCommand.class, io.sinkline.cli.maxcompute.MaxComputeQueryCommand.class})
final class QueryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
