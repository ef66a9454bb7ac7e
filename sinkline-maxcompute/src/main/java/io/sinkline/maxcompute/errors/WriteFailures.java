package io.sinkline.maxcompute.errors;

import java.util.Optional;
import java.util.Set;

import com.aliyun.odps.exceptions.SchemaMismatchRuntimeException;
import com.aliyun.odps.tunnel.TunnelException;

/**
 * Tells a write the service refused for the DATA it carried (retrying the same rows fails the same
 * way: find the rejected rows and hand them to the error policy) from any other failure (network,
 * throttling, 5xx, an expired session: worth retrying).
 *
 * <p>The Tunnel refuses a block or stream pack whose records do not validate against the table
 * (NULL in a NOT NULL column, a value past its VARCHAR/CHAR length or DECIMAL precision, a DATETIME
 * out of range, a field over 8 MB) with HTTP 400 and {@code MalformedDataStream}, and takes none of
 * its records. The SDK refuses some of the same values before sending, with a
 * {@link SchemaMismatchRuntimeException}.
 */
public final class WriteFailures {

    /** Tunnel error codes that mean "this data does not fit the table". */
    private static final Set<String> DATA_ERROR_CODES = Set.of("MalformedDataStream");
    private static final int BAD_REQUEST = 400;

    private WriteFailures() {
    }

    /** The service's (or the SDK's) reason when {@code failure} is a refusal of the data, else empty. */
    public static Optional<String> dataRejection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TunnelException te && te.getStatus() != null && te.getStatus() == BAD_REQUEST
                    && DATA_ERROR_CODES.contains(te.getErrorCode())) {
                return Optional.of(te.getErrorCode() + ": " + te.getErrorMsg());
            }
            if (t instanceof SchemaMismatchRuntimeException) {
                return Optional.of(t.getMessage());
            }
        }
        return Optional.empty();
    }

    public static boolean isDataRejection(Throwable failure) {
        return dataRejection(failure).isPresent();
    }
}
