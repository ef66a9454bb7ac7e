package io.sinkline.emulator.maxcompute.rest;

import io.sinkline.emulator.maxcompute.http.ServiceRequest;
import io.sinkline.emulator.maxcompute.http.ServiceResponse;
import io.sinkline.emulator.maxcompute.sql.QueryResult;
import io.sinkline.emulator.maxcompute.sql.SqlEngine;
import io.sinkline.emulator.maxcompute.storage.Store;

/** The REST API of one project: metadata and SQL instances. */
public final class RestRoutes {

    private final MetadataRoutes metadata;
    private final InstanceRoutes instances;

    public RestRoutes(Store store, SqlEngine engine, String project, String owner) {
        this.metadata = new MetadataRoutes(store, project, owner);
        this.instances = new InstanceRoutes(engine, owner);
    }

    public ServiceResponse project() {
        return metadata.project();
    }

    public ServiceResponse listTables(ServiceRequest request) {
        return metadata.listTables(request);
    }

    public ServiceResponse table(ServiceRequest request, String table) {
        return metadata.table(request, table);
    }

    public ServiceResponse createInstance(ServiceRequest request, String project, String baseUrl) throws Exception {
        return instances.create(request, project, baseUrl);
    }

    public ServiceResponse instance(ServiceRequest request, String id) {
        return instances.get(request, id);
    }

    public QueryResult instanceResult(String id) {
        return instances.result(id);
    }
}
