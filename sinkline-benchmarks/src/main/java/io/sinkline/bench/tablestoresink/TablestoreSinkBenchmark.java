package io.sinkline.bench.tablestoresink;

import io.sinkline.bench.sink.BenchLogging;
import io.sinkline.bench.sink.BenchOptions;
import io.sinkline.bench.sink.EmulatorAddress;
import io.sinkline.bench.sink.EndToEndBenchmark;
import io.sinkline.bench.sink.SinkBenchmarkProcesses;
import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;

/**
 * End-to-end benchmark of the Tablestore sink: records/s of the connector (Kafka → Connect →
 * connector → emulator) against the raw SDK ceiling (TableStoreWriter → the same emulator) in
 * the same run. Not a test; see the module README for the command and the figures measured.
 */
public final class TablestoreSinkBenchmark {

    private TablestoreSinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        BenchOptions options = WriterSettings.declare(
                EndToEndBenchmark.commonOptions(TablestoreSinkBenchmark.class.getSimpleName(),
                        // 1M, not 200k: the connector's fixed costs (task start, group join, the commit
                        // interval before its clock stops) were a third of a 200k run.
                        1_000_000, "bytes"));
        if (!options.parse(args)) {
            return;
        }
        SinkBenchmarkProcesses.run(TablestoreSinkBenchmark.class, args, options, new SinkBenchmarkProcesses.Service() {
            @Override
            public SinkBenchmarkProcesses.RunningEmulator startEmulator() {
                TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().port(0).build());
                return new SinkBenchmarkProcesses.RunningEmulator(ots, TablestoreSink.addressOf(ots));
            }

            @Override
            public TablestoreSink connect(EmulatorAddress emulator, BenchOptions options) {
                return new TablestoreSink(emulator, WriterSettings.from(options), options.integer("tasks"),
                        EndToEndBenchmark.valueConverter(options));
            }
        });
    }
}
