/**
 * Batch lines: the pure part of a batch inference job, input JSON lines and a model in, {@code .out}
 * lines out, shared by the server's in-process job and the Spark application.
 */
package io.tastemaker.core.batch;
