package io.sinkline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SinklineCommandTest {

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: sinkline", "quickstart", "emulator", "query");
    }

    @Test
    void versionNamesTheFilteredVersions() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("sinkline 0.1.0-SNAPSHOT", "Kafka 4.1.1", "Tablestore SDK 5.17.10");
    }

    @Test
    void quickstartSaysWhichPartsExistAndFailsUntilAllDo() {
        int exitCode = run("quickstart");
        assertThat(out.toString()).contains(
                "[x] Tablestore emulator", "[x] MaxCompute emulator",
                "[x] Tablestore sink connector", "[x] MaxCompute sink connector",
                "[ ] Local stack");
        assertThat(exitCode).isEqualTo(1);
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        assertThat(run("no-such-command")).isEqualTo(2);
        assertThat(out.toString()).contains("Unmatched argument");
    }
}
