package io.tastemaker.server;

import io.tastemaker.server.datadir.Backup;
import io.tastemaker.server.quickstart.Quickstart;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The {@code tastemaker} command: {@code serve}, {@code quickstart}, {@code backup}, and help. */
public final class Main {
  private static final String USAGE =
      """
      Usage: tastemaker <command> [options]

      Commands:
        serve        Run the server in the foreground.
        quickstart   Run the server with a generated sample shop imported, trained and deployed,
                     and print commands to try it (default data directory ./tastemaker-quickstart).
        backup DEST  Copy the data directory (--data-dir D) into the new folder DEST, consistently,
                     while a server runs on it: SQLite's online backup of the database, then the
                     objects it references (hard links on the same file system, copies otherwise;
                     --copy copies always). To restore, stop the server and start it with
                     --data-dir DEST (or a copy).

      Options of serve and quickstart:
        --host H          address to listen on (default 127.0.0.1; other addresses need --credentials)
        --port P          port (default 8080; 0 picks a free one)
        --data-dir D      where state lives (default ./tastemaker-data)
        --database URL    keep the metadata in PostgreSQL (jdbc:postgresql://host:port/db) instead of
                          SQLite in the data directory (also TASTEMAKER_DATABASE; the user and password
                          in the URL or TASTEMAKER_DATABASE_USER and TASTEMAKER_DATABASE_PASSWORD)
        --credentials F   access keys, one 'ACCESS_KEY_ID SECRET_ACCESS_KEY' per line; requests must then
                          be signed with SigV4 (also TASTEMAKER_CREDENTIALS=F)
        --region R        region of ARNs and of SigV4 signatures (default us-east-1)
        --account A       12-digit account id shown in ARNs (default 000000000000)
        --s3-endpoint URL an S3-compatible endpoint for s3:// data locations (also TASTEMAKER_S3_ENDPOINT);
                          credentials come from the standard AWS environment variables
        --object-store s3://BUCKET/PREFIX
                          keep imported data, models and job outputs in S3 (also
                          TASTEMAKER_OBJECT_STORE; endpoint as --s3-endpoint) instead of the data
                          directory's objects/ folder (the default)
        --recommendation-cache N
                          GetRecommendations answers kept per campaign until the model or the
                          user's state changes (default 50000; 0 computes every request)
        --local-data DIR  a folder whose files data locations (file:// URIs and absolute paths) may read
                          and write; repeat for more (also TASTEMAKER_LOCAL_DATA=DIR1:DIR2). Default:
                          the working directory without --credentials, none with it (s3:// only).
                          The data directory is never reachable; quickstart adds its sample folder.
        --spark-master URL
                          run batch inference jobs as Spark applications on this master (local[4],
                          spark://host:7077; also TASTEMAKER_SPARK_MASTER) with --spark-classpath CP,
                          Spark's jars and tastemaker-spark's (also TASTEMAKER_SPARK_CLASSPATH)
        --spark-driver-memory SIZE
                          the -Xmx of the Spark driver JVM the server starts for a job, such as 4g
                          (also TASTEMAKER_SPARK_DRIVER_MEMORY; default 2g)
      """;

  private Main() {}

  public static void main(String[] args) {
    try {
      System.exit(run(Arrays.asList(args), System.out, System.err));
    } catch (IllegalArgumentException e) {
      System.err.println("tastemaker: " + e.getMessage());
      System.exit(2);
    }
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
      out.print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (command) {
      case "serve" -> {
        return serve(CommandLine.parse(rest).serverConfig("tastemaker-data"), out, err, false);
      }
      case "quickstart" -> {
        ServerConfig config = CommandLine.parse(rest).serverConfig("tastemaker-quickstart");
        // The sample's own files are always readable, with or without other local folders.
        List<Path> roots = new ArrayList<>(config.localDataRoots());
        roots.add(Quickstart.sampleFolder(config.dataDir()).toAbsolutePath());
        return serve(config.withLocalDataRoots(roots), out, err, true);
      }
      case "backup" -> {
        return backup(rest, out, err);
      }
      default -> {
        err.println("tastemaker: unknown command " + command);
        err.print(USAGE);
        return 2;
      }
    }
  }

  /** {@code backup DEST [--data-dir D] [--copy]}. */
  private static int backup(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).startsWith("--")) {
      throw new IllegalArgumentException("backup needs a destination folder: tastemaker backup DEST --data-dir D");
    }
    Path destination = Path.of(args.get(0));
    List<String> options = args.subList(1, args.size()).stream().filter(a -> !a.equals("--copy")).toList();
    boolean copy = options.size() < args.size() - 1;
    ServerConfig config = CommandLine.parse(options).serverConfig("tastemaker-data");
    if (!config.database().embeddedDatabase()) {
      throw new IllegalArgumentException(
          "backup copies the embedded database; with PostgreSQL (" + config.database().describe() + ") take pg_dump first, then copy objects/");
    }
    Path dataDir = config.dataDir();
    if (config.objectStore().isPresent()) {
      throw new IllegalArgumentException("backup copies the data directory's database and its objects/ folder, but with --object-store the objects are in "
          + config.objectStore().get() + ": back them up with the bucket's versioning or replication, and the database on its own");
    }
    try {
      Backup.Result result = new Backup(dataDir, destination, copy).run();
      out.printf(
          "Backed up %s to %s: database %.1f MB (%d resources, %d streamed events), %d objects %.1f MB (%s).%n"
              + "To restore: stop the server, then start it with --data-dir %s, or on a copy of it (cp -a).%n",
          dataDir.toAbsolutePath(), destination.toAbsolutePath(), result.databaseBytes() / 1e6, result.resources(), result.events(), result.objects(),
          result.objectBytes() / 1e6, result.linked() ? "hard links" : "copies", destination.toAbsolutePath());
      if (!result.damaged().isEmpty()) {
        err.println("tastemaker: the backup is written, but " + result.damaged().size() + " object(s) are damaged in the data directory itself: "
            + String.join("; ", result.damaged()) + ". The resources that use them report it in their failureReason; see 'Damaged files' in the README.");
        return 1;
      }
      return 0;
    } catch (IOException | SQLException | RuntimeException e) {
      err.println("tastemaker: backup failed: " + e.getMessage());
      return 1;
    }
  }

  private static int serve(ServerConfig config, PrintStream out, PrintStream err, boolean quickstart) {
    if (config.credentialsFile().isEmpty() && !config.listensOnLoopbackOnly()) {
      err.println(
          "tastemaker: refusing to listen on "
              + config.host()
              + " without access keys; give --credentials FILE (or TASTEMAKER_CREDENTIALS) or listen on 127.0.0.1");
      return 2;
    }
    try {
      TastemakerServer server = TastemakerServer.start(config);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (Exception e) {
                      err.println("tastemaker: error while stopping: " + e);
                    }
                    stopped.countDown();
                  }));
      // Before the ready line: whoever waits for it has then seen where local data may live.
      out.println(
          config.localDataRoots().isEmpty()
              ? "Local data locations: none (s3:// only; --local-data DIR allows a folder)"
              : "Local data locations (file:// and absolute paths) in: "
                  + String.join(", ", config.localDataRoots().stream().map(Path::toString).toList()));
      out.println(
          "Tastemaker ready on "
              + server.endpoint()
              + " (data in "
              + config.dataDir().toAbsolutePath()
              + (config.database().embeddedDatabase() ? "" : ", metadata in " + config.database().describe())
              + (config.credentialsFile().isPresent() ? ", SigV4 required" : "")
              + ", " + io.tastemaker.core.kernel.Gemm.kernels() + " kernels"
              + ")");
      out.flush();
      if (quickstart) {
        Quickstart sample = new Quickstart(server.localApi(), config.region(), config.accountId(), out);
        sample.run(config.dataDir(), server.endpoint());
      }
      stopped.await();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (Exception e) {
      err.println("tastemaker: could not start: " + e.getMessage());
      return 1;
    }
  }

}
