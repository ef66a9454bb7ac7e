package io.sinkline.tablestore.mapping;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.sinkline.core.record.RecordFormatException;
import io.sinkline.tablestore.config.ColumnType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * JSON values → Tablestore values, keeping types: integers stay integers, doubles doubles,
 * booleans booleans, bytes binary; nested objects and arrays become JSON text. A declared type
 * converts where the conversion is lossless and refuses otherwise, naming the column.
 */
public final class TypedValues {
    /** The service's limits (WriterConfig defaults): attribute values 2 MB, primary-key values 1 KB. */
    public static final int MAX_ATTRIBUTE_BYTES = 2 * 1024 * 1024;
    public static final int MAX_PRIMARY_KEY_BYTES = 1024;

    private TypedValues() {
    }

    /** The type a value has when none is declared. */
    public static ColumnType inferType(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return ColumnType.INTEGER;
        }
        if (value.isNumber()) {
            return ColumnType.DOUBLE;
        }
        if (value.isBoolean()) {
            return ColumnType.BOOLEAN;
        }
        if (value.isBinary()) {
            return ColumnType.BINARY;
        }
        return ColumnType.STRING;
    }

    public static ColumnValue column(String column, JsonNode value, ColumnType declared) {
        ColumnType type = declared != null ? declared : inferType(value);
        ColumnValue result = switch (type) {
            case INTEGER -> ColumnValue.fromLong(asLong(column, value));
            case DOUBLE -> ColumnValue.fromDouble(asDouble(column, value));
            case BOOLEAN -> ColumnValue.fromBoolean(asBoolean(column, value));
            case BINARY -> ColumnValue.fromBinary(asBytes(column, value));
            case STRING -> ColumnValue.fromString(asText(value));
        };
        return checked(column, result);
    }

    /** The value itself, once it is within the service's size limit for attribute columns. */
    static ColumnValue checked(String column, ColumnValue value) {
        checkSize(column, value, MAX_ATTRIBUTE_BYTES);
        return value;
    }

    public static PrimaryKeyValue primaryKey(String column, JsonNode value, ColumnType declared) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new RecordFormatException("primary key column '" + column + "' is missing or null");
        }
        ColumnType type = declared != null ? declared : inferType(value);
        PrimaryKeyValue result = switch (type) {
            case INTEGER -> PrimaryKeyValue.fromLong(asLong(column, value));
            case BINARY -> PrimaryKeyValue.fromBinary(asBytes(column, value));
            case STRING -> PrimaryKeyValue.fromString(asText(value));
            default -> throw new RecordFormatException("primary key column '" + column + "' cannot be of type "
                    + type.name().toLowerCase());
        };
        int size = result.getDataSize();
        if (size > MAX_PRIMARY_KEY_BYTES) {
            throw new RecordFormatException("primary key column '" + column + "' is " + size
                    + " bytes; the service allows " + MAX_PRIMARY_KEY_BYTES);
        }
        return result;
    }

    private static void checkSize(String column, ColumnValue value, int limit) {
        int size = value.getDataSize();
        if (size > limit) {
            throw new RecordFormatException("column '" + column + "' is " + size + " bytes; the service allows " + limit);
        }
    }

    private static long asLong(String column, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException ignored) {
                // fall through to the error naming the column
            }
        }
        throw wrongType(column, "integer", value);
    }

    private static double asDouble(String column, JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.textValue().trim());
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        throw wrongType(column, "double", value);
    }

    private static boolean asBoolean(String column, JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.textValue());
        }
        throw wrongType(column, "boolean", value);
    }

    private static byte[] asBytes(String column, JsonNode value) {
        try {
            if (value.isBinary()) {
                return value.binaryValue();
            }
        } catch (IOException e) {
            throw new RecordFormatException("column '" + column + "' could not be read as binary", e);
        }
        if (value.isTextual()) {
            try {
                return Base64.getDecoder().decode(value.textValue());
            } catch (IllegalArgumentException e) {
                return value.textValue().getBytes(StandardCharsets.UTF_8);
            }
        }
        throw wrongType(column, "binary", value);
    }

    private static String asText(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static RecordFormatException wrongType(String column, String expected, JsonNode value) {
        String shown = value.toString();
        if (shown.length() > 64) {
            shown = shown.substring(0, 64) + "…";
        }
        return new RecordFormatException("column '" + column + "' must be " + expected + ", got " + shown);
    }
}
