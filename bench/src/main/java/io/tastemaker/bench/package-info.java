/** Benchmarks that print figures to compare with the published anchors. */
package io.tastemaker.bench;
