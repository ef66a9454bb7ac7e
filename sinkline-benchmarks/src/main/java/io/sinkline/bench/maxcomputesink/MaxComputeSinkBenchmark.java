package io.sinkline.bench.maxcomputesink;

import io.sinkline.bench.sink.BenchLogging;
import io.sinkline.bench.sink.BenchOptions;
import io.sinkline.bench.sink.EmulatorAddress;
import io.sinkline.bench.sink.EndToEndBenchmark;
import io.sinkline.bench.sink.SinkBenchmarkProcesses;
import io.sinkline.emulator.maxcompute.MaxComputeEmulator;
import io.sinkline.emulator.maxcompute.MaxComputeEmulatorOptions;

/**
 * End-to-end benchmark of the MaxCompute sink: records/s of the connector (Kafka → Connect →
 * connector → batch Tunnel → emulator) against the raw SDK ceiling (TableTunnel batch upload →
 * the same emulator) in one run. Not a test; see the module README for the command and figures.
 */
public final class MaxComputeSinkBenchmark {

    private MaxComputeSinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        BenchOptions options = TunnelSettings.declare(
                EndToEndBenchmark.commonOptions(MaxComputeSinkBenchmark.class.getSimpleName(),
                        // 10M, not 2M: the connector's start (task start, the consumer group's first
                        // rebalance, the first flush and commit) takes 3 to 4 s whatever the run's length,
                        // 40% of a 2M run and about 12% of a 10M one.
                        10_000_000,
                        // FLATTEN reads flat JSON text without a parser; JSON bytes go through Jackson.
                        "string"));
        if (!options.parse(args)) {
            return;
        }
        SinkBenchmarkProcesses.run(MaxComputeSinkBenchmark.class, args, options, new SinkBenchmarkProcesses.Service() {
            @Override
            public SinkBenchmarkProcesses.RunningEmulator startEmulator() {
                MaxComputeEmulator mc = MaxComputeEmulator.start(MaxComputeEmulatorOptions.builder().port(0)
                        .project("sinkline").build());
                return new SinkBenchmarkProcesses.RunningEmulator(mc, MaxComputeSink.addressOf(mc));
            }

            @Override
            public MaxComputeSink connect(EmulatorAddress emulator, BenchOptions options) {
                return new MaxComputeSink(emulator, TunnelSettings.from(options), options.integer("tasks"),
                        EndToEndBenchmark.valueConverter(options));
            }
        });
    }
}
