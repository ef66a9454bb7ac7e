package io.sinkline.maxcompute.format;

import com.aliyun.odps.Column;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.type.TypeInfo;
import com.aliyun.odps.type.TypeInfoFactory;

/** Table schemas of seed 003's examples, for unit tests. */
public final class Tables {

    private Tables() {
    }

    /** A schema from alternating names and types, partitioned by pt STRING. */
    public static TableSchema partitioned(Object... namesAndTypes) {
        TableSchema schema = new TableSchema();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            schema.addColumn(new Column((String) namesAndTypes[i], (TypeInfo) namesAndTypes[i + 1]));
        }
        schema.addPartitionColumn(new Column("pt", TypeInfoFactory.STRING));
        return schema;
    }

    public static TableSchema text() {
        return partitioned("topic", TypeInfoFactory.STRING, "partition", TypeInfoFactory.BIGINT,
                "offset", TypeInfoFactory.BIGINT, "key", TypeInfoFactory.STRING, "value", TypeInfoFactory.STRING);
    }

    public static TableSchema binary() {
        return partitioned("topic", TypeInfoFactory.STRING, "partition", TypeInfoFactory.BIGINT,
                "offset", TypeInfoFactory.BIGINT, "key", TypeInfoFactory.BINARY, "value", TypeInfoFactory.BINARY);
    }

    public static TableSchema json() {
        return partitioned("topic", TypeInfoFactory.STRING, "partition", TypeInfoFactory.BIGINT,
                "offset", TypeInfoFactory.BIGINT, "key", TypeInfoFactory.STRING, "value", TypeInfoFactory.JSON);
    }

    public static TableSchema csv() {
        return partitioned("topic", TypeInfoFactory.STRING, "partition", TypeInfoFactory.BIGINT,
                "offset", TypeInfoFactory.BIGINT, "id", TypeInfoFactory.BIGINT, "name", TypeInfoFactory.STRING,
                "region", TypeInfoFactory.STRING);
    }

    public static TableSchema flatten() {
        return partitioned("topic", TypeInfoFactory.STRING, "partition", TypeInfoFactory.BIGINT,
                "offset", TypeInfoFactory.BIGINT, "id", TypeInfoFactory.BIGINT, "name", TypeInfoFactory.STRING,
                "extendinfo", TypeInfoFactory.JSON);
    }
}
