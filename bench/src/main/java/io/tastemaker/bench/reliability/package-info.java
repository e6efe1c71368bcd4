/**
 * {@code tastemaker bench reliability}: fuzzing, creation races, hard kills and a soak against the
 * packaged server running in its own JVM with access keys.
 */
package io.tastemaker.bench.reliability;
