package io.sinkline.maxcompute.tunnel;

import java.util.Optional;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.Table;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.io.CompressOption;

/**
 * The table the task writes to and the SDK clients that reach it.
 *
 * @param schema the schema of the three-layer model, or null for a two-layer project
 * @param partitionColumn the partition column (pt), empty for a table without partitions
 */
public record TunnelTarget(Odps odps, TableTunnel tunnel, String project, String schema, String table,
                           Optional<String> partitionColumn, CompressOption compression) {

    /** The spec of a partition value, or null for a table without partitions. */
    public PartitionSpec spec(String partitionValue) {
        if (partitionColumn.isEmpty()) {
            return null;
        }
        PartitionSpec spec = new PartitionSpec();
        spec.set(partitionColumn.get(), partitionValue);
        return spec;
    }

    public Table sdkTable() {
        return schema == null ? odps.tables().get(project, table) : odps.tables().get(project, schema, table);
    }

    /** "project.table" or "project.schema.table", for messages. */
    public String describe() {
        return project + "." + (schema == null ? "" : schema + ".") + table;
    }
}
