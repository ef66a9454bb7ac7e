package io.sinkline.emulator.maxcompute.tunnel;

import com.google.gson.JsonObject;

import io.sinkline.emulator.maxcompute.storage.TableDef;
import io.sinkline.emulator.maxcompute.storage.TableDefJson;

/** The {@code Schema} object of tunnel sessions: {@code columns} and {@code partitionKeys}, never null. */
final class SessionJson {

    private SessionJson() {
    }

    static JsonObject schema(TableDef def) {
        JsonObject schema = new JsonObject();
        schema.add("columns", TableDefJson.columns(def.columns()));
        schema.add("partitionKeys", TableDefJson.columns(def.partitionKeys()));
        return schema;
    }
}
