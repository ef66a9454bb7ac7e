package io.sinkline.emulator.maxcompute.storage;

import com.aliyun.odps.type.TypeInfo;
import com.aliyun.odps.type.TypeInfoParser;

/** A column as MaxCompute declares it: a lower-case name, the type as written in DDL (upper case) and a comment. */
public record ColumnDef(String name, String type, String comment) {

    public ColumnDef {
        name = name.toLowerCase();
        type = typeInfoOf(type).getTypeName();
        comment = comment == null ? "" : comment;
    }

    public TypeInfo typeInfo() {
        return typeInfoOf(type);
    }

    private static TypeInfo typeInfoOf(String type) {
        return TypeInfoParser.getTypeInfoFromTypeString(type.trim().toUpperCase());
    }
}
