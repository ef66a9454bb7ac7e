package io.sinkline.cli.maxcompute;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.aliyun.odps.Column;
import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.utils.CSVRecordParser;

import io.sinkline.emulator.maxcompute.MaxComputeEmulatorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sinkline query maxcompute --endpoint … --project … "select …"}: runs SQL through odps-sdk-core (against
 * the emulator or the cloud) and prints the last statement's result as odpscmd does.
 */
@Command(
        name = "maxcompute",
        mixinStandardHelpOptions = true,
        description = "Run MaxCompute SQL (e.g. \"select * from t where pt='…'\") and print the result as a table.")
public final class MaxComputeQueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:8900/api",
            description = "MaxCompute endpoint (default: ${DEFAULT-VALUE}, the local emulator).")
    String endpoint;

    @Option(names = "--project", defaultValue = MaxComputeEmulatorOptions.DEFAULT_PROJECT,
            description = "Project (default: ${DEFAULT-VALUE}).")
    String project;

    @Option(names = "--access-key-id", defaultValue = "${env:SINKLINE_MC_ACCESS_KEY_ID:-"
            + MaxComputeEmulatorOptions.DEFAULT_ACCESS_KEY_ID + "}",
            description = "AccessKey id (default: $SINKLINE_MC_ACCESS_KEY_ID or the emulator's).")
    String accessKeyId;

    @Option(names = "--access-key-secret", defaultValue = "${env:SINKLINE_MC_ACCESS_KEY_SECRET:-"
            + MaxComputeEmulatorOptions.DEFAULT_ACCESS_KEY_SECRET + "}",
            description = "AccessKey secret (default: $SINKLINE_MC_ACCESS_KEY_SECRET or the emulator's).")
    String accessKeySecret;

    @Parameters(arity = "1..*", paramLabel = "SQL", description = "The SQL script; several words are joined with spaces.")
    List<String> sql;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Odps odps = new Odps(new AliyunAccount(accessKeyId, accessKeySecret));
        odps.setEndpoint(endpoint);
        odps.setDefaultProject(project);
        String script = String.join(" ", sql);
        try {
            Instance instance = SQLTask.run(odps, script);
            instance.waitForSuccess();
            String csv = instance.getTaskResults().values().stream().findFirst().orElse("");
            if (csv.isEmpty()) {
                out.println("OK");
                return 0;
            }
            CSVRecordParser.ParseResult result = CSVRecordParser.parse(csv);
            List<String> header = result.getSchema().getColumns().stream().map(Column::getName).toList();
            List<List<String>> rows = new ArrayList<>();
            for (Record r : result.getRecords()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < r.getColumnCount(); i++) {
                    String v = r.getString(i);
                    row.add("\\N".equals(v) ? null : v); // the service's NULL marker in CSV results
                }
                rows.add(row);
            }
            BoxTable.print(out, header, rows);
            out.printf("%d row%s%n", rows.size(), rows.size() == 1 ? "" : "s");
            return 0;
        } catch (OdpsException e) {
            err.println("FAILED: " + e.getMessage());
            return 1;
        }
    }
}
