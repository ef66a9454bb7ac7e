package io.sinkline.cli;

import picocli.CommandLine;

/** Entry point of the {@code sinkline} command; the launcher script at the repository root runs it. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with every subcommand registered; tests drive it the same way users do. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new SinklineCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
