package io.sinkline.emulator.maxcompute.storage;

import com.aliyun.odps.type.DecimalTypeInfo;
import com.aliyun.odps.type.TypeInfo;

/** How each MaxCompute type is stored in DuckDB. Complex types (ARRAY, MAP, STRUCT) are kept as JSON text. */
public final class DuckTypes {

    private DuckTypes() {
    }

    public static String of(TypeInfo type) {
        return switch (type.getOdpsType()) {
            case BIGINT -> "BIGINT";
            case INT -> "INTEGER";
            case SMALLINT -> "SMALLINT";
            case TINYINT -> "TINYINT";
            case DOUBLE -> "DOUBLE";
            case FLOAT -> "FLOAT";
            case BOOLEAN -> "BOOLEAN";
            case DECIMAL -> decimal((DecimalTypeInfo) type);
            case DATE -> "DATE";
            case DATETIME -> "TIMESTAMP";
            case TIMESTAMP, TIMESTAMP_NTZ -> "TIMESTAMP_NS";
            case BINARY -> "BLOB";
            default -> "VARCHAR"; // STRING, VARCHAR, CHAR, JSON, ARRAY, MAP, STRUCT
        };
    }

    private static String decimal(DecimalTypeInfo d) {
        int precision = Math.min(d.getPrecision(), 38);
        int scale = Math.min(d.getScale(), precision);
        return "DECIMAL(" + precision + "," + scale + ")";
    }

    /** A DuckDB identifier, always quoted so reserved words such as {@code partition} or {@code offset} work. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
