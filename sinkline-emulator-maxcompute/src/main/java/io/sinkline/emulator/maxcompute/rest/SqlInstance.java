package io.sinkline.emulator.maxcompute.rest;

import java.util.Date;

/** One finished SQL instance: its task, outcome and the result text (CSV on success, the error on failure). */
record SqlInstance(String id, String taskName, boolean success, String result, Date start, Date end) {
}
