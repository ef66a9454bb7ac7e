package io.sinkline.tablestore.write;

/** What the writer reports back to the task. Called from writer threads. */
public interface DeliveryListener {
    /** The service acknowledged the row. */
    void written(Delivery delivery);

    /** The row was retried (about to be re-sent). */
    void retrying(Delivery delivery, Throwable cause);

    /** The row will not be written: retries are exhausted or retrying cannot help. */
    void failed(Delivery delivery, String reason, Throwable cause);
}
