package io.sinkline.bench.maxcomputesink;

import com.aliyun.odps.Column;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.type.TypeInfoFactory;
import io.sinkline.bench.sink.SampleRecords;
import io.sinkline.maxcompute.config.RecordFormat;
import io.sinkline.maxcompute.config.RecordMode;
import io.sinkline.maxcompute.format.RowFormatter;
import io.sinkline.maxcompute.format.RowFormatters;
import io.sinkline.maxcompute.format.TableLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.ZoneId;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The task thread's cost of formatting one record, alone: the end-to-end benchmark's sample
 * records (JSON text, as StringConverter delivers them) through the FLATTEN formatter, measured in
 * CPU time of this thread, so it reads the same on a busy machine. No Kafka, no upload.
 * Arguments: {@code [records=1000000] [rounds=5]}.
 */
public final class RowFormatCost {

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        TableSchema schema = new TableSchema();
        schema.addColumn(new Column("topic", TypeInfoFactory.STRING));
        schema.addColumn(new Column("partition", TypeInfoFactory.BIGINT));
        schema.addColumn(new Column("offset", TypeInfoFactory.BIGINT));
        for (SampleRecords.Field field : SampleRecords.FIELDS) {
            schema.addColumn(new Column(field.name(), switch (field.kind()) {
                case LONG -> TypeInfoFactory.BIGINT;
                case DOUBLE -> TypeInfoFactory.DOUBLE;
                case BOOLEAN -> TypeInfoFactory.BOOLEAN;
                case STRING -> TypeInfoFactory.STRING;
            }));
        }
        schema.addPartitionColumn(new Column("pt", TypeInfoFactory.STRING));
        TableLayout layout = TableLayout.of("bench", schema, RecordFormat.FLATTEN, RecordMode.VALUE);
        RowFormatter formatter = RowFormatters.create(RecordFormat.FLATTEN, RecordMode.VALUE, layout, ',', "\\N",
                ZoneId.of("UTC"));

        SinkRecord[] input = new SinkRecord[records];
        for (int i = 0; i < records; i++) {
            input[i] = new SinkRecord("bench_events", i % 6, Schema.OPTIONAL_STRING_SCHEMA, null,
                    Schema.OPTIONAL_STRING_SCHEMA, SampleRecords.json(i), i / 6);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 1; round <= rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            for (SinkRecord record : input) {
                sink += formatter.format(record).length;
            }
            long nanos = threads.getCurrentThreadCpuTime() - cpu;
            System.out.printf("round %d: %d records, %.0f ns CPU per record, %.0f records per CPU-second%n",
                    round, records, (double) nanos / records, records / (nanos / 1e9));
        }
        if (sink == 42) {
            System.out.println(); // keeps the JIT from dropping the work
        }
    }
}
