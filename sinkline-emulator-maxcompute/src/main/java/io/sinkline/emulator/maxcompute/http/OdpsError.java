package io.sinkline.emulator.maxcompute.http;

/** A failure the service reports with an HTTP status and an error code (e.g. 404 NoSuchObject). */
public final class OdpsError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public OdpsError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static OdpsError noSuchObject(String message) {
        return new OdpsError(404, "NoSuchObject", message);
    }

    public static OdpsError noSuchPartition(String message) {
        return new OdpsError(404, "NoSuchPartition", message);
    }

    public static OdpsError invalidArgument(String message) {
        return new OdpsError(400, "InvalidArgument", message);
    }
}
