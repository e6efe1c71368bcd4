/** S3 locations and clients, shared by the server and the Spark application. */
package io.tastemaker.s3;
