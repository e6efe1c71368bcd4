/**
 * aws-trending-now: the items whose interactions grow fastest from one window of {@code
 * trend_discovery_frequency} to the next, kept up to date by streamed events without retraining.
 */
package io.tastemaker.core.trending;
