package io.tastemaker.server;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where batch inference and segment jobs run on Apache Spark: the master the application is submitted to
 * ({@code --spark-master}, such as {@code local[4]} or {@code spark://host:7077}), the classpath
 * that holds Spark's jars and tastemaker-spark's ({@code --spark-classpath}), which the server's own
 * classpath does not, and the heap of the driver JVM the server starts ({@code
 * --spark-driver-memory}, its {@code -Xmx}; in local mode the executors share it).
 */
public record SparkSettings(String master, String classpath, String driverMemory) {
  /**
   * The driver's heap unless configured: room for a model (loaded once per JVM), a filter snapshot
   * and Spark's own buffers, without the JVM's default of a quarter of the machine's memory.
   */
  public static final String DEFAULT_DRIVER_MEMORY = "2g";

  private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

  /** Settings with the default driver memory. */
  public SparkSettings(String master, String classpath) {
    this(master, classpath, DEFAULT_DRIVER_MEMORY);
  }

  public SparkSettings {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(classpath, "classpath");
    Objects.requireNonNull(driverMemory, "driverMemory");
    if (!MEMORY.matcher(driverMemory).matches()) {
      throw new IllegalArgumentException("--spark-driver-memory must be a JVM heap size such as 2g or 4096m, got '" + driverMemory + "'");
    }
    if (master.isBlank() || master.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("--spark-master must be a Spark master URL such as local[4] or spark://host:7077, got '" + master + "'");
    }
    if (classpath.isBlank()) {
      throw new IllegalArgumentException(
          "--spark-master needs --spark-classpath (or TASTEMAKER_SPARK_CLASSPATH): Spark's jars and tastemaker-spark's, such as '$SPARK_HOME/jars/*:tastemaker-spark.jar'");
    }
  }
}
