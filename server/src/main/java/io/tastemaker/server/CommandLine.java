package io.tastemaker.server;

import io.tastemaker.server.api.Quotas;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The options of the {@code tastemaker} command, parsed with messages that name the option. */
final class CommandLine {
  private final Map<String, String> values;

  private CommandLine(Map<String, String> values) {
    this.values = values;
  }

  static CommandLine parse(List<String> args) {
    Map<String, String> values = new HashMap<>();
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
      values.put(name, value);
    }
    return new CommandLine(values);
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
            integer("recommendation-cache", ServerConfig.DEFAULT_RECOMMENDATION_CACHE));
    List<String> known = List.of("host", "port", "data-dir", "credentials", "region", "account", "s3-endpoint", "recommendation-cache");
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
    }
    return config;
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
