package io.sinkline.emulator.maxcompute;

import java.util.function.Supplier;

/** The {@code host:port} of the bound server, set once after binding and read by the routes. */
final class HostPortHolder implements Supplier<String> {

    private volatile String value = "127.0.0.1:0";

    void set(String value) {
        this.value = value;
    }

    @Override
    public String get() {
        return value;
    }
}
