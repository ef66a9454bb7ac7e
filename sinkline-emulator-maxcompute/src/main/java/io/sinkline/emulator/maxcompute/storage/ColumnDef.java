package io.sinkline.emulator.maxcompute.storage;

import java.util.Objects;

import com.aliyun.odps.type.TypeInfo;
import com.aliyun.odps.type.TypeInfoParser;

/**
 * A column as MaxCompute declares it: a lower-case name, the type as written in DDL (canonical upper case), a
 * comment and whether it takes NULL ({@code NOT NULL} in DDL). The parsed type is kept because it is consulted for
 * every value that is stored or read.
 */
public final class ColumnDef {

    private final String name;
    private final TypeInfo typeInfo;
    private final String comment;
    private final boolean nullable;

    public ColumnDef(String name, String type, String comment) {
        this(name, type, comment, true);
    }

    public ColumnDef(String name, String type, String comment, boolean nullable) {
        this.name = name.toLowerCase();
        this.typeInfo = TypeInfoParser.getTypeInfoFromTypeString(type.trim().toUpperCase());
        this.comment = comment == null ? "" : comment;
        this.nullable = nullable;
    }

    public String name() {
        return name;
    }

    /** The canonical type name, e.g. {@code DECIMAL(18,4)} or {@code MAP<STRING,BIGINT>}. */
    public String type() {
        return typeInfo.getTypeName();
    }

    public TypeInfo typeInfo() {
        return typeInfo;
    }

    public String comment() {
        return comment;
    }

    /** False for a {@code NOT NULL} column: the Tunnel refuses a record without a value for it. */
    public boolean nullable() {
        return nullable;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnDef c && c.name.equals(name) && c.type().equals(type()) && c.comment.equals(comment)
                && c.nullable == nullable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type(), comment, nullable);
    }

    @Override
    public String toString() {
        return name + " " + type() + (nullable ? "" : " NOT NULL");
    }
}
