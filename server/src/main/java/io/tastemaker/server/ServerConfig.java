package io.tastemaker.server;

import io.tastemaker.server.api.Quotas;
import io.tastemaker.server.objects.ObjectStoreLocation;
import io.tastemaker.server.store.DatabaseLocation;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a server runs: where it listens, where it keeps its state, who may call it.
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param dataDir the directory of the embedded database and the object store
 * @param credentialsFile access keys ({@code ACCESS_KEY_ID SECRET} per line); empty for no auth
 * @param region the region shown in ARNs
 * @param accountId the account id shown in ARNs
 * @param quotas resource limits
 * @param quickWorkers threads for lifecycle jobs
 * @param heavyWorkers threads for imports, training and batch jobs
 * @param s3Endpoint an S3-compatible endpoint for {@code s3://} locations; empty for AWS S3
 * @param recommendationCacheEntries answers kept per campaign for users whose state has not changed; 0 for none
 * @param localDataRoots the local folders that data locations ({@code file://}, absolute paths) may
 *     read and write; none means {@code s3://} only
 * @param newItemsInterval how often campaigns of aws-user-personalization take in new items and
 *     impressions without retraining ({@code --new-items-interval} seconds; zero never)
 * @param objectStore the S3 bucket and prefix of the object store ({@code --object-store}); empty
 *     for the {@code objects/} folder of the data directory
 * @param database the embedded SQLite file in {@link #dataDir} (the default), or a PostgreSQL server
 * @param spark where batch inference jobs run on Spark ({@code --spark-master}); empty to run them in process
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Optional<Path> credentialsFile,
    String region,
    String accountId,
    Quotas quotas,
    int quickWorkers,
    int heavyWorkers,
    Optional<URI> s3Endpoint,
    int recommendationCacheEntries,
    List<Path> localDataRoots,
    Duration newItemsInterval,
    Optional<ObjectStoreLocation> objectStore,
    DatabaseLocation database,
    Optional<SparkSettings> spark) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT = "000000000000";
  /** About 20 MB of 25-item answers per campaign. */
  public static final int DEFAULT_RECOMMENDATION_CACHE = 50_000;
  /** Personalize's automatic updates of aws-user-personalization run every two hours. */
  public static final Duration DEFAULT_NEW_ITEMS_INTERVAL = Duration.ofHours(2);

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(credentialsFile, "credentialsFile");
    Objects.requireNonNull(s3Endpoint, "s3Endpoint");
    localDataRoots = List.copyOf(localDataRoots);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be in [0, 65535], got " + port);
    }
    if (recommendationCacheEntries < 0) {
      throw new IllegalArgumentException("--recommendation-cache must be 0 or more, got " + recommendationCacheEntries);
    }
    Objects.requireNonNull(newItemsInterval, "newItemsInterval");
    Objects.requireNonNull(objectStore, "objectStore");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(spark, "spark");
    if (newItemsInterval.isNegative()) {
      throw new IllegalArgumentException("--new-items-interval must be 0 or more seconds, got " + newItemsInterval.toSeconds());
    }
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("--account must be 12 digits, got " + accountId);
    }
    if (!region.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("--region must look like us-east-1, got " + region);
    }
  }

  /** The defaults: loopback, port 8080, no access keys, no local data folders. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, dataDir, Optional.empty(), DEFAULT_REGION, DEFAULT_ACCOUNT, Quotas.defaults(), 2, 2, Optional.empty(), DEFAULT_RECOMMENDATION_CACHE, List.of(), DEFAULT_NEW_ITEMS_INTERVAL, Optional.empty(), DatabaseLocation.embedded(), Optional.empty());
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, dataDir, credentialsFile, region, accountId, quotas, quickWorkers, heavyWorkers, s3Endpoint, recommendationCacheEntries, localDataRoots, newItemsInterval, objectStore, database, spark);
  }

  public ServerConfig withCredentials(Optional<Path> file) {
    return new ServerConfig(host, port, dataDir, file, region, accountId, quotas, quickWorkers, heavyWorkers, s3Endpoint, recommendationCacheEntries, localDataRoots, newItemsInterval, objectStore, database, spark);
  }

  public ServerConfig withQuotas(Quotas newQuotas) {
    return new ServerConfig(host, port, dataDir, credentialsFile, region, accountId, newQuotas, quickWorkers, heavyWorkers, s3Endpoint, recommendationCacheEntries, localDataRoots, newItemsInterval, objectStore, database, spark);
  }

  public ServerConfig withS3Endpoint(Optional<URI> endpoint) {
    return new ServerConfig(host, port, dataDir, credentialsFile, region, accountId, quotas, quickWorkers, heavyWorkers, endpoint, recommendationCacheEntries, localDataRoots, newItemsInterval, objectStore, database, spark);
  }

  public ServerConfig withRecommendationCache(int entries) {
    return new ServerConfig(host, port, dataDir, credentialsFile, region, accountId, quotas, quickWorkers, heavyWorkers, s3Endpoint, entries, localDataRoots, newItemsInterval, objectStore, database, spark);
  }

  public ServerConfig withLocalDataRoots(List<Path> roots) {
    return new ServerConfig(host, port, dataDir, credentialsFile, region, accountId, quotas, quickWorkers, heavyWorkers, s3Endpoint, recommendationCacheEntries, roots, newItemsInterval, objectStore, database, spark);
  }

  public ServerConfig withNewItemsInterval(Duration interval) {
    return new ServerConfig(host, port, dataDir, credentialsFile, region, accountId, quotas, quickWorkers, heavyWorkers, s3Endpoint, recommendationCacheEntries, localDataRoots, interval, objectStore, database, spark);
  }

  public ServerConfig withObjectStore(Optional<ObjectStoreLocation> location) {
    return new ServerConfig(host, port, dataDir, credentialsFile, region, accountId, quotas, quickWorkers, heavyWorkers, s3Endpoint, recommendationCacheEntries, localDataRoots, newItemsInterval, location, database, spark);
  }

  public ServerConfig withDatabase(DatabaseLocation location) {
    return new ServerConfig(host, port, dataDir, credentialsFile, region, accountId, quotas, quickWorkers, heavyWorkers, s3Endpoint, recommendationCacheEntries, localDataRoots, newItemsInterval, objectStore, location, spark);
  }

  /** Whether {@link #host} is a loopback address, reachable only from this machine. */
  public boolean listensOnLoopbackOnly() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host " + host + " is not a known address", e);
    }
  }

  public ServerConfig withSpark(Optional<SparkSettings> settings) {
    return new ServerConfig(host, port, dataDir, credentialsFile, region, accountId, quotas, quickWorkers, heavyWorkers, s3Endpoint, recommendationCacheEntries, localDataRoots, newItemsInterval, objectStore, database, settings);
  }
}
