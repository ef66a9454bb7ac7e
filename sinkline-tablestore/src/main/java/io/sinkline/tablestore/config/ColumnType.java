package io.sinkline.tablestore.config;

import io.sinkline.core.config.Validators;
import java.util.Locale;

/** A column type as the official connector's users write it ({@code string, integer, double, boolean, binary}). */
public enum ColumnType {
    STRING, INTEGER, DOUBLE, BOOLEAN, BINARY;

    public static ColumnType parse(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        // Accept the SDK's and Java's spellings too: they appear in existing configs.
        return switch (v) {
            case "int", "long", "bigint" -> INTEGER;
            case "float", "decimal" -> DOUBLE;
            case "bool" -> BOOLEAN;
            case "bytes", "blob" -> BINARY;
            default -> Validators.caseInsensitiveEnum(ColumnType.class).parse(key, v);
        };
    }

    public boolean allowedInPrimaryKey() {
        return this == STRING || this == INTEGER || this == BINARY;
    }
}
