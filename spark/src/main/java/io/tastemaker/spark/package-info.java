/** Tastemaker's batch inference as an Apache Spark application, answering lines with core's code. */
package io.tastemaker.spark;
