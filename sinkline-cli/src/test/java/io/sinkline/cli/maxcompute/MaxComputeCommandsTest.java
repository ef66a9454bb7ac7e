package io.sinkline.cli.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.aliyun.odps.Odps;
import com.aliyun.odps.account.AliyunAccount;

import io.sinkline.emulator.maxcompute.MaxComputeEmulator;
import io.sinkline.emulator.maxcompute.MaxComputeEmulatorOptions;
import picocli.CommandLine;

class MaxComputeCommandsTest {

    private final StringWriter out = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    @Test
    void bothSubcommandsAreRegisteredUnderSinkline() {
        CommandLine sinkline = io.sinkline.cli.Main.newCommandLine();
        sinkline.setOut(new PrintWriter(out, true));
        assertThat(sinkline.execute("emulator", "maxcompute", "--help")).isZero();
        assertThat(sinkline.execute("query", "maxcompute", "--help")).isZero();
        assertThat(out.toString()).contains("--data-dir", "--strict", "--endpoint", "SQL");
    }

    @Test
    void queryPrintsTheResultAsOdpscmdDoes() {
        try (MaxComputeEmulator mc = MaxComputeEmulator.start(MaxComputeEmulatorOptions.builder().build())) {
            String[] target = {"--endpoint", mc.endpoint(), "--project", mc.project()};
            assertThat(run(new MaxComputeQueryCommand(), concat(target,
                    "CREATE TABLE t (topic STRING, `offset` BIGINT, key STRING) PARTITIONED BY (pt STRING);"
                            + "INSERT INTO t PARTITION (pt='07-13-2023 21:13') VALUES ('topic_text', 0, NULL);")))
                    .isZero();
            assertThat(out.toString()).contains("OK");
            out.getBuffer().setLength(0);
            assertThat(run(new MaxComputeQueryCommand(), concat(target, "select", "*", "from", "t;"))).isZero();
            assertThat(out.toString()).contains(
                    "+------------+--------+------+------------------+",
                    "| topic      | offset | key  | pt               |",
                    "| topic_text | 0      | NULL | 07-13-2023 21:13 |",
                    "1 row");
            out.getBuffer().setLength(0);
            assertThat(run(new MaxComputeQueryCommand(), concat(target, "select * from missing"))).isEqualTo(1);
            assertThat(out.toString()).contains("FAILED", "missing");
        }
    }

    @Test
    void emulatorRunsUntilInterruptedAndServesTheSdk() throws Exception {
        MaxComputeEmulatorCommand command = new MaxComputeEmulatorCommand();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exit.set(run(command, "--port", "0", "--project", "cli_project")));
        runner.start();
        String endpoint = awaitEndpoint();
        Odps odps = new Odps(new AliyunAccount(MaxComputeEmulatorOptions.DEFAULT_ACCESS_KEY_ID,
                MaxComputeEmulatorOptions.DEFAULT_ACCESS_KEY_SECRET));
        odps.setEndpoint(endpoint);
        odps.setDefaultProject("cli_project");
        assertThat(odps.tables().exists("nothing")).isFalse();
        runner.interrupt();
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(exit.get()).isNotEqualTo(-1);
    }

    private String awaitEndpoint() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            String text = out.toString();
            int at = text.indexOf("listening on ");
            if (at >= 0 && text.indexOf('\n', at) > 0) {
                return text.substring(at + "listening on ".length(), text.indexOf('\n', at)).trim();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the emulator did not start: " + out);
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
