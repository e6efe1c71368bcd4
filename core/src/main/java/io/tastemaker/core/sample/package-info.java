/**
 * The bundled sample data of {@code tastemaker quickstart}: a synthetic shop generated from a seed,
 * written as Personalize CSV files with their Avro schemas.
 */
package io.tastemaker.core.sample;
