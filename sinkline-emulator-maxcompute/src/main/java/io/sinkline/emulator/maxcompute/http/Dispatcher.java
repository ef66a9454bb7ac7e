package io.sinkline.emulator.maxcompute.http;

import io.sinkline.emulator.maxcompute.faults.FaultTarget;

/** Maps a decoded request to the code that serves it. */
public interface Dispatcher {

    /** Admin requests (fault control) skip signature checks and injected faults. */
    boolean isAdmin(ServiceRequest request);

    /** Which fault target the request belongs to. */
    FaultTarget classify(ServiceRequest request);

    /** Tunnel clients parse JSON error bodies, the REST client XML ones. */
    boolean jsonErrors(ServiceRequest request);

    ServiceResponse serve(ServiceRequest request) throws Exception;
}
