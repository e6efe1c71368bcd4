package io.tastemaker.server;

import io.tastemaker.server.api.Quotas;
import io.tastemaker.server.objects.ObjectStoreLocation;
import io.tastemaker.server.store.DatabaseLocation;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The options of the {@code tastemaker} command, parsed with messages that name the option. */
final class CommandLine {
  /** The one option that may be given more than once. */
  private static final String LOCAL_DATA = "local-data";

  private final Map<String, String> values;
  private final List<String> localData;

  private CommandLine(Map<String, String> values, List<String> localData) {
    this.values = values;
    this.localData = localData;
  }

  static CommandLine parse(List<String> args) {
    Map<String, String> values = new HashMap<>();
    List<String> localData = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("option --" + name + " needs a value");
      }
      if (name.equals(LOCAL_DATA)) {
        localData.add(value);
      } else {
        values.put(name, value);
      }
    }
    return new CommandLine(values, localData);
  }

  ServerConfig serverConfig(String defaultDataDir) {
    Path dataDir = Path.of(values.getOrDefault("data-dir", defaultDataDir));
    Optional<Path> credentials =
        Optional.ofNullable(values.get("credentials"))
            .or(() -> Optional.ofNullable(System.getenv("TASTEMAKER_CREDENTIALS")).filter(s -> !s.isBlank()))
            .map(Path::of);
    ServerConfig config =
        new ServerConfig(
            values.getOrDefault("host", ServerConfig.DEFAULT_HOST),
            integer("port", ServerConfig.DEFAULT_PORT),
            dataDir,
            credentials,
            values.getOrDefault("region", ServerConfig.DEFAULT_REGION),
            values.getOrDefault("account", ServerConfig.DEFAULT_ACCOUNT),
            Quotas.defaults(),
            2,
            2,
            Optional.ofNullable(values.get("s3-endpoint"))
                .or(() -> Optional.ofNullable(System.getenv("TASTEMAKER_S3_ENDPOINT")).filter(s -> !s.isBlank()))
                .map(CommandLine::endpoint),
            integer("recommendation-cache", ServerConfig.DEFAULT_RECOMMENDATION_CACHE),
            localDataRoots(localData, Optional.ofNullable(System.getenv("TASTEMAKER_LOCAL_DATA")), credentials.isPresent(), Path.of("").toAbsolutePath()),
            Duration.ofSeconds(integer("new-items-interval", (int) ServerConfig.DEFAULT_NEW_ITEMS_INTERVAL.toSeconds())),
            Optional.ofNullable(values.get("object-store"))
                .or(() -> Optional.ofNullable(System.getenv("TASTEMAKER_OBJECT_STORE")).filter(s -> !s.isBlank()))
                .map(ObjectStoreLocation::parse),
            database(Optional.ofNullable(values.get("database")), System.getenv()),
            spark(values, System.getenv()));
    List<String> known =
        List.of(
            "host", "port", "data-dir", "database", "credentials", "region", "account", "s3-endpoint", "recommendation-cache", "new-items-interval", "object-store",
            "spark-master", "spark-classpath", "spark-driver-memory", LOCAL_DATA);
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
    }
    return config;
  }

  /**
   * Where batch inference runs on Spark: {@code --spark-master} (else {@code TASTEMAKER_SPARK_MASTER})
   * with {@code --spark-classpath} (else {@code TASTEMAKER_SPARK_CLASSPATH}) and {@code
   * --spark-driver-memory} (else {@code TASTEMAKER_SPARK_DRIVER_MEMORY}, else {@link
   * SparkSettings#DEFAULT_DRIVER_MEMORY}); empty, to run jobs in process, when no master is named.
   */
  static Optional<SparkSettings> spark(Map<String, String> options, Map<String, String> env) {
    Optional<String> master = Optional.ofNullable(options.get("spark-master")).or(() -> Optional.ofNullable(env.get("TASTEMAKER_SPARK_MASTER")).filter(s -> !s.isBlank()));
    Optional<String> classpath = Optional.ofNullable(options.get("spark-classpath")).or(() -> Optional.ofNullable(env.get("TASTEMAKER_SPARK_CLASSPATH")).filter(s -> !s.isBlank()));
    if (master.isEmpty()) {
      for (String option : List.of("spark-classpath", "spark-driver-memory")) {
        if (options.containsKey(option)) {
          throw new IllegalArgumentException("--" + option + " is given without --spark-master (or TASTEMAKER_SPARK_MASTER)");
        }
      }
      return Optional.empty();
    }
    String memory = Optional.ofNullable(options.get("spark-driver-memory"))
        .or(() -> Optional.ofNullable(env.get("TASTEMAKER_SPARK_DRIVER_MEMORY")).filter(s -> !s.isBlank())).orElse(SparkSettings.DEFAULT_DRIVER_MEMORY);
    return Optional.of(new SparkSettings(master.get(), classpath.orElse(""), memory));
  }

  /**
   * The folders data locations may reach: every {@code --local-data}, else {@code
   * TASTEMAKER_LOCAL_DATA} (folders separated by the platform's path separator), else the working
   * directory when the server has no access keys (so a newcomer's {@code file://$PWD/data.csv}
   * works), else none.
   */
  static List<Path> localDataRoots(List<String> options, Optional<String> env, boolean credentials, Path workingDirectory) {
    List<String> named = options;
    String option = "--" + LOCAL_DATA;
    if (named.isEmpty() && env.isPresent() && !env.get().isBlank()) {
      named = Arrays.stream(env.get().split(Pattern.quote(File.pathSeparator))).filter(s -> !s.isBlank()).toList();
      option = "TASTEMAKER_LOCAL_DATA";
    }
    if (named.isEmpty()) {
      return credentials ? List.of() : List.of(workingDirectory);
    }
    List<Path> roots = new ArrayList<>();
    for (String folder : named) {
      Path root = workingDirectory.resolve(folder).normalize();
      if (!Files.isDirectory(root)) {
        throw new IllegalArgumentException(option + " must name existing folders, got " + folder);
      }
      roots.add(root);
    }
    return roots;
  }

  /**
   * The database: {@code --database}, else {@code TASTEMAKER_DATABASE}, else the embedded one; the
   * user and password of a server come from {@code TASTEMAKER_DATABASE_USER} and {@code
   * TASTEMAKER_DATABASE_PASSWORD} or from the URL itself (never from an option, which {@code ps} shows).
   */
  static DatabaseLocation database(Optional<String> option, Map<String, String> env) {
    Optional<String> url = option.or(() -> nonBlank(env.get("TASTEMAKER_DATABASE")));
    if (url.isEmpty()) {
      return DatabaseLocation.embedded();
    }
    return DatabaseLocation.postgresql(url.get(), nonBlank(env.get("TASTEMAKER_DATABASE_USER")), nonBlank(env.get("TASTEMAKER_DATABASE_PASSWORD")));
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).filter(s -> !s.isBlank());
  }

  private static URI endpoint(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new IllegalArgumentException("--s3-endpoint must be an http(s) URL, got " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--s3-endpoint must be a URL, got " + value);
    }
  }

  private int integer(String name, int defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, got " + value);
    }
  }
}
