package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.AsyncClientInterface;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import io.sinkline.core.metrics.SinkTaskMetrics;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The task's client seen through JMX: every BatchWriteRow the row writer sends counts as a batch
 * (rows, latency) and a request in flight until it answers; everything else passes straight
 * through. A proxy of the client's interface, so the writer stays unaware of the metrics.
 */
public final class MeteredClient implements InvocationHandler {
    private final AsyncClientInterface client;
    private final SinkTaskMetrics metrics;

    private MeteredClient(AsyncClientInterface client, SinkTaskMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    public static AsyncClientInterface wrap(AsyncClientInterface client, SinkTaskMetrics metrics) {
        return (AsyncClientInterface) Proxy.newProxyInstance(AsyncClientInterface.class.getClassLoader(),
                new Class<?>[] {AsyncClientInterface.class}, new MeteredClient(client, metrics));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("batchWriteRow") && args != null && args.length == 2
                && args[0] instanceof BatchWriteRowRequest request && args[1] instanceof TableStoreCallback callback) {
            int rows = request.getRowsCount();
            long start = System.nanoTime();
            metrics.inFlightRequests(1);
            args = new Object[] {request, new TableStoreCallback() {
                @Override
                public void onCompleted(Object req, Object response) {
                    metrics.inFlightRequests(-1);
                    metrics.batchWritten(rows, System.nanoTime() - start);
                    callback.onCompleted(req, response);
                }

                @Override
                public void onFailed(Object req, Exception error) {
                    metrics.inFlightRequests(-1);
                    callback.onFailed(req, error);
                }
            }};
        }
        try {
            return method.invoke(client, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
