package io.sinkline.emulator.maxcompute.tunnel;

import java.util.function.Supplier;

import io.sinkline.emulator.maxcompute.http.ServiceRequest;
import io.sinkline.emulator.maxcompute.storage.Store;

/** The Tunnel service: batch uploads, downloads and streaming uploads, all on one store. */
public record TunnelRoutes(UploadRoutes uploads, DownloadRoutes downloads, StreamRoutes streams) {

    /** {@code routedServer} is the {@code host:port} stream slots point at: this server. */
    public static TunnelRoutes on(Store store, Supplier<String> routedServer) {
        return new TunnelRoutes(new UploadRoutes(store), new DownloadRoutes(store), new StreamRoutes(store, routedServer));
    }

    public static boolean isTunnelRequest(ServiceRequest r, boolean streamsPath) {
        return streamsPath || r.has("uploads") || r.has("uploadid") || r.has("downloads") || r.has("downloadid");
    }
}
