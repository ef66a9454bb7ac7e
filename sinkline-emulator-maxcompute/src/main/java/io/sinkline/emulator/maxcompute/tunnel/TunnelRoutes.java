package io.sinkline.emulator.maxcompute.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import io.sinkline.emulator.maxcompute.http.ServiceRequest;
import io.sinkline.emulator.maxcompute.storage.Store;

/** The Tunnel service: batch uploads, downloads and streaming uploads, all on one store. */
public record TunnelRoutes(UploadRoutes uploads, DownloadRoutes downloads, StreamRoutes streams) {

    /**
     * {@code routedServer} is the {@code host:port} stream slots point at: this server; {@code sessionLifetime} how
     * long an upload, download or stream session stays valid after its creation (the service: 24 hours).
     */
    public static TunnelRoutes on(Store store, Supplier<String> routedServer, Duration sessionLifetime) {
        Clock clock = Clock.systemUTC();
        return new TunnelRoutes(new UploadRoutes(store, clock, sessionLifetime),
                new DownloadRoutes(store, clock, sessionLifetime), new StreamRoutes(store, routedServer, clock, sessionLifetime));
    }

    public static boolean isTunnelRequest(ServiceRequest r, boolean streamsPath) {
        return streamsPath || r.has("uploads") || r.has("uploadid") || r.has("downloads") || r.has("downloadid");
    }
}
