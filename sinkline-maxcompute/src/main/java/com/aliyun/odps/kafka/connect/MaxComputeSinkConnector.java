package com.aliyun.odps.kafka.connect;

/**
 * The official connector's class name, so that connector JSON written for it (seed 003:
 * {@code "connector.class": "com.aliyun.odps.kafka.connect.MaxComputeSinkConnector"}) deploys Sinkline's
 * connector unchanged. It adds nothing: same configuration, same task.
 *
 * <p>Do not install the official plugin ({@code kafka-connector-2.0.jar}) in the same worker: both would define
 * this class name and Connect would load whichever plugin it finds first. With this alias present the short names
 * {@code MaxComputeSinkConnector} and {@code MaxComputeSink} are ambiguous to Connect; use a full class name.
 */
public class MaxComputeSinkConnector extends io.sinkline.maxcompute.MaxComputeSinkConnector {
}
