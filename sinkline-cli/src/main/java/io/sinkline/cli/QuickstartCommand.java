package io.sinkline.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sinkline quickstart}: the whole pipeline on local emulators.
 *
 * <p>The pipeline is assembled part by part. Until every part is in, this command says plainly
 * which parts are present in this build and exits non-zero, rather than pretending to run.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = "Run the whole pipeline locally: Kafka, Kafka Connect, the emulators and both sinks.")
final class QuickstartCommand implements Callable<Integer> {

    /** Each part of the pipeline and a class whose presence on the class path shows it is built. */
    private static final Map<String, String> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("Tablestore emulator", "io.sinkline.emulator.tablestore.TablestoreEmulator");
        PARTS.put("MaxCompute emulator", "io.sinkline.emulator.maxcompute.MaxComputeEmulator");
        PARTS.put("Tablestore sink connector", "io.sinkline.tablestore.TablestoreSinkConnector");
        PARTS.put("MaxCompute sink connector", "io.sinkline.maxcompute.MaxComputeSinkConnector");
        PARTS.put("Stream sync (Tablestore Stream -> MaxCompute)", "io.sinkline.streamsync.StreamSyncJob");
        PARTS.put("Local stack (broker + Connect worker)", "io.sinkline.cli.stack.LocalStack");
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("The quickstart is not assembled yet. Parts of the pipeline in this build:");
        PARTS.forEach((part, marker) -> out.printf("  [%s] %s%n", isPresent(marker) ? "x" : " ", part));
        out.println("Run `mvn -B verify` to run every test of the parts that exist.");
        return 1;
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, QuickstartCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
