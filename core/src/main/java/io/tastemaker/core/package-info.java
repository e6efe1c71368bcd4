/** Tastemaker's domain and algorithms, free of HTTP, SQL and frameworks. */
package io.tastemaker.core;
