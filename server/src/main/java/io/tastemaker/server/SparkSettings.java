package io.tastemaker.server;

import java.util.Objects;

/**
 * Where batch inference and segment jobs run on Apache Spark: the master the application is submitted to
 * ({@code --spark-master}, such as {@code local[4]} or {@code spark://host:7077}) and the classpath
 * that holds Spark's jars and tastemaker-spark's ({@code --spark-classpath}), which the server's own
 * classpath does not.
 */
public record SparkSettings(String master, String classpath) {
  public SparkSettings {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(classpath, "classpath");
    if (master.isBlank() || master.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("--spark-master must be a Spark master URL such as local[4] or spark://host:7077, got '" + master + "'");
    }
    if (classpath.isBlank()) {
      throw new IllegalArgumentException(
          "--spark-master needs --spark-classpath (or TASTEMAKER_SPARK_CLASSPATH): Spark's jars and tastemaker-spark's, such as '$SPARK_HOME/jars/*:tastemaker-spark.jar'");
    }
  }
}
