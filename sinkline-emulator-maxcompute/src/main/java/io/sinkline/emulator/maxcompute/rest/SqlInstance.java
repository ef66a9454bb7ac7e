package io.sinkline.emulator.maxcompute.rest;

import java.util.Date;

import io.sinkline.emulator.maxcompute.sql.QueryResult;

/**
 * One finished SQL instance: its task, outcome, the result text (CSV on success, the error on failure) and,
 * on success, the typed result the instance tunnel serves.
 */
record SqlInstance(String id, String taskName, boolean success, String result, QueryResult typed, Date start, Date end) {
}
