package io.tastemaker.server;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.api.LocalApi;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.api.StandardOperations;
import io.tastemaker.server.api.control.BatchInferenceOperations;
import io.tastemaker.server.api.control.DatasetExportOperations;
import io.tastemaker.server.api.control.DataDeletionOperations;
import io.tastemaker.server.api.control.MetricAttributionOperations;
import io.tastemaker.server.attribution.AttributionMetrics;
import io.tastemaker.server.attribution.AttributionReports;
import io.tastemaker.server.api.control.BatchSegmentOperations;
import io.tastemaker.server.api.control.CampaignOperations;
import io.tastemaker.server.api.control.DatasetGroupOperations;
import io.tastemaker.server.api.control.DatasetOperations;
import io.tastemaker.server.api.control.EventTrackerOperations;
import io.tastemaker.server.api.control.FilterOperations;
import io.tastemaker.server.api.control.ImportJobOperations;
import io.tastemaker.server.api.control.RecipeOperations;
import io.tastemaker.server.api.control.RecommenderOperations;
import io.tastemaker.server.api.control.SchemaOperations;
import io.tastemaker.server.api.control.SolutionOperations;
import io.tastemaker.server.api.control.SolutionVersionOperations;
import io.tastemaker.server.api.control.TagOperations;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.server.api.events.EventOperations;
import io.tastemaker.server.api.runtime.RecommendationOperations;
import io.tastemaker.server.auth.CredentialStore;
import io.tastemaker.server.console.ConsoleHandler;
import io.tastemaker.server.console.ConsoleSessions;
import io.tastemaker.server.datadir.OrphanSweep;
import io.tastemaker.server.datadir.StartupCheck;
import io.tastemaker.server.events.EventStream;
import io.tastemaker.server.events.EventTrackers;
import io.tastemaker.server.events.ReplicaChanges;
import io.tastemaker.server.http.ApiHandler;
import io.tastemaker.server.http.Authenticator;
import io.tastemaker.server.http.HealthHandler;
import io.tastemaker.server.http.JettySetup;
import io.tastemaker.server.jobs.JobLease;
import io.tastemaker.server.jobs.JobRunner;
import io.tastemaker.server.jobs.ReplicaId;
import io.tastemaker.server.metrics.MetricsHandler;
import io.tastemaker.server.metrics.ServerMetrics;
import io.tastemaker.server.objects.DataLocations;
import io.tastemaker.server.objects.DiskSpace;
import io.tastemaker.server.objects.FreeSpace;
import io.tastemaker.server.objects.LocalDataRoots;
import io.tastemaker.server.objects.LocalObjectStore;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.objects.S3Access;
import io.tastemaker.server.objects.S3ObjectStore;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.serving.ActionAnswers;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.ServingFollower;
import io.tastemaker.server.serving.CampaignSync;
import io.tastemaker.server.serving.ChangesOfOtherReplicas;
import io.tastemaker.server.serving.FilterServing;
import io.tastemaker.server.serving.GroupAttributes;
import io.tastemaker.server.serving.ItemSignalSource;
import io.tastemaker.server.serving.LiveTrends;
import io.tastemaker.server.serving.MetadataColumns;
import io.tastemaker.server.serving.ModelAnswers;
import io.tastemaker.server.serving.RecommendationMemory;
import io.tastemaker.server.solutions.AutoTraining;
import io.tastemaker.server.serving.RecommenderServing;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.ResourceStore;
import io.tastemaker.server.store.TagStore;
import io.tastemaker.server.wire.WireModel;
import io.tastemaker.server.work.ActivationJob;
import io.tastemaker.server.work.DeletionJob;
import io.tastemaker.server.work.DeploymentJob;
import io.tastemaker.server.work.ImportJob;
import io.tastemaker.server.work.BatchInferenceJob;
import io.tastemaker.server.work.NewItemsRefresh;
import io.tastemaker.server.work.DatasetExportJob;
import io.tastemaker.server.work.DatasetUpdateJob;
import io.tastemaker.server.work.UserDeletionJob;
import io.tastemaker.server.work.BatchSegmentJob;
import io.tastemaker.server.work.TrainingJob;
import io.tastemaker.server.work.RecommenderLifecycleJob;
import io.tastemaker.server.work.RecommenderTrainingJob;
import io.tastemaker.server.work.RetrainingSchedule;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** One running Tastemaker: database, job runner and the HTTP server, wired together. */
public final class TastemakerServer implements AutoCloseable {
  /** The largest request body served; PutItems with ten 32,000-character items fits with room. */
  private static final int MAX_BODY_BYTES = 1 << 20;
  /** How often the automatic training schedules are checked: one small query. */
  private static final java.time.Duration AUTO_TRAINING_CHECK = java.time.Duration.ofSeconds(2);
  /** How often a replica on PostgreSQL compares what it serves with the campaigns and recommenders other replicas changed. */
  private static final java.time.Duration SERVING_FOLLOW = java.time.Duration.ofMillis(500);

  private final Database db;
  private final EventStream events;
  private final JobRunner jobs;
  private final S3Access s3;
  private final Server http;
  private final ServerConnector connector;
  private final LocalApi localApi;
  private final AutoTraining autoTraining;
  private final NewItemsRefresh newItems;
  private final RetrainingSchedule retraining;
  private final Optional<ServingFollower> follower;
  private final Optional<ReplicaChanges> changes;

  private TastemakerServer(
      Database db,
      JobRunner jobs,
      S3Access s3,
      Server http,
      ServerConnector connector,
      LocalApi localApi,
      EventStream events,
      AutoTraining autoTraining,
      NewItemsRefresh newItems,
      RetrainingSchedule retraining,
      Optional<ServingFollower> follower,
      Optional<ReplicaChanges> changes) {
    this.follower = follower;
    this.changes = changes;
    this.newItems = newItems;
    this.retraining = retraining;
    this.localApi = localApi;
    this.autoTraining = autoTraining;
    this.events = events;
    this.db = db;
    this.jobs = jobs;
    this.s3 = s3;
    this.http = http;
    this.connector = connector;
  }

  /** Opens the state in the data directory and starts serving; returns once ready. */
  public static TastemakerServer start(ServerConfig config) throws Exception {
    return start(config, FreeSpace.of(config.dataDir().toAbsolutePath()));
  }

  /** {@link #start(ServerConfig)}, reading the data directory's free space from {@code freeSpace} (tests simulate a nearly full disk). */
  public static TastemakerServer start(ServerConfig config, FreeSpace freeSpace) throws Exception {
    return start(config, freeSpace, Clock.systemUTC());
  }

  /** {@link #start(ServerConfig, FreeSpace)} on this clock (tests move it days ahead for automatic training). */
  public static TastemakerServer start(ServerConfig config, FreeSpace freeSpace, Clock clock) throws Exception {
    Optional<CredentialStore> credentials = Authenticators.credentials(config.credentialsFile());
    ConsoleSessions sessions = new ConsoleSessions(credentials, clock);
    Authenticator authenticator = Authenticators.of(credentials, config.region(), sessions);
    S3Access s3 = new S3Access(config.s3Endpoint());
    Database db;
    ObjectStore objects;
    try {
      objects = objectStore(config, s3);
      db = StartupCheck.open(config.dataDir(), objects, config.database());
    } catch (Exception | Error e) {
      s3.close();
      throw e;
    }
    DiskSpace disk = new DiskSpace(freeSpace, config.objectStore().isEmpty());
    JobRunner jobs;
    try {
      jobs = new JobRunner(db, clock, config.quickWorkers(), config.heavyWorkers(), ReplicaId.random(), JobLease.fromEnvironment(System.getenv()));
    } catch (RuntimeException e) {
      s3.close();
      db.close();
      throw e;
    }
    EventStream events = null;
    AutoTraining autoTraining = null;
    NewItemsRefresh newItems = null;
    RetrainingSchedule retraining = null;
    Optional<ServingFollower> follower = Optional.empty();
    Optional<ReplicaChanges> changes = Optional.empty();
    try {
      ApiContext ctx =
          new ApiContext(
              db, new ResourceStore(), new TagStore(), jobs, new Arns(config.region(), config.accountId()), config.accountId(), clock,
              config.quotas(), objects,
              new DataLocations(s3, new LocalDataRoots(config.localDataRoots(), config.dataDir())), RecipeRegistry.standard(), disk);
      LiveTrends trends = new LiveTrends(ctx);
      CampaignServing serving = new CampaignServing(ctx, config.recommendationCacheEntries(), trends);
      RecommenderServing recommenders = new RecommenderServing(ctx, config.recommendationCacheEntries(), trends);
      events = new EventStream(db, (group, users) -> {
        serving.forget(group, users);
        recommenders.forget(group, users);
      });
      events.listen(trends::accept);
      GroupAttributes attributes = new GroupAttributes(ctx);
      OperationRegistry registry = operations(ctx);
      FilterServing filters = new FilterServing(ctx, attributes, events.histories());
      ModelAnswers answers = new ModelAnswers(events.histories(), filters, new ItemSignalSource(attributes));
      ActionAnswers actionAnswers = new ActionAnswers(ctx, filters);
      RecommendationMemory shown = new RecommendationMemory(RecommendationMemory.DEFAULT_CAPACITY, RecommendationMemory.DEFAULT_LIFETIME, clock);
      new RecommendationOperations(serving, recommenders, answers, new MetadataColumns(ctx, attributes), shown).register(registry);
      new EventOperations(ctx, new EventTrackers(ctx), events.writer(), attributes::put, shown).register(registry);
      new io.tastemaker.server.api.events.ActionOperations(ctx, attributes::put).register(registry);
      new io.tastemaker.server.api.runtime.ActionRecommendationOperations(serving, actionAnswers).register(registry);
      registerJobs(ctx, jobs, serving, recommenders, events, attributes, filters, answers, actionAnswers, config.spark(), s3);
      OrphanSweep sweep = new OrphanSweep(ctx);
      jobs.afterFailure(sweep::afterFailure);
      jobs.start(sweep::atStart);
      if (db.isPostgresql()) {
        // Other replicas may deploy, update and delete what this one serves.
        follower = Optional.of(ServingFollower.start(ctx, serving, recommenders, SERVING_FOLLOW));
        // And put records, import data and delete users that this one keeps in memory.
        changes = Optional.of(ReplicaChanges.follow(db, jobs.replica(), new ChangesOfOtherReplicas(ctx, attributes, events, serving, recommenders), clock));
      }
      new CampaignSync(ctx).followAll();
      autoTraining = new AutoTraining(ctx, new ResourceLifecycle(ctx));
      autoTraining.start(AUTO_TRAINING_CHECK);
      newItems = NewItemsRefresh.every(ctx, serving, config.newItemsInterval());
      retraining = new RetrainingSchedule(ctx, RetrainingSchedule.fromEnvironment(System.getenv()));
      retraining.start();

      QueuedThreadPool threads = new QueuedThreadPool(200, 8);
      threads.setName("http");
      Server http = new Server(threads);
      ServerConnector connector = JettySetup.connector(http);
      connector.setHost(config.host());
      connector.setPort(config.port());
      http.addConnector(connector);
      WireModel model = WireModel.load();
      ConsoleHandler console = new ConsoleHandler(ctx, attributes, sessions, authenticator, consoleFolder());
      ServerMetrics metrics = new ServerMetrics(() -> db.read(tx -> ctx.resources().countsByKindAndStatus(tx)), serving::campaignsServed);
      metrics.attributionMetrics(new AttributionMetrics(ctx)::totals);
      metrics.replica(jobs.replica().value());
      Map<String, Handler> routes = Map.of("/health", new HealthHandler(disk, objects), "/console", console, "/metrics", new MetricsHandler(metrics));
      http.setHandler(new ApiHandler(model, registry, authenticator, MAX_BODY_BYTES, routes, metrics));
      http.start();
      warmUp(serving);
      return new TastemakerServer(db, jobs, s3, http, connector, new LocalApi(model, registry), events, autoTraining, newItems, retraining, follower, changes);
    } catch (Exception | Error e) {
      changes.ifPresent(ReplicaChanges::close);
      follower.ifPresent(ServingFollower::close);
      if (retraining != null) {
        retraining.close();
      }
      if (newItems != null) {
        newItems.close();
      }
      if (autoTraining != null) {
        autoTraining.close();
      }
      if (events != null) {
        events.close();
      }
      jobs.close();
      s3.close();
      db.close();
      throw e;
    }
  }

  /** The bucket of {@code --object-store}, else the data directory's {@code objects/} folder. */
  private static ObjectStore objectStore(ServerConfig config, S3Access s3) throws java.io.IOException {
    if (config.objectStore().isPresent()) {
      return new S3ObjectStore(s3, config.objectStore().get());
    }
    return new LocalObjectStore(config.dataDir().resolve(StartupCheck.OBJECTS));
  }

  /** Loads the deployed campaigns' models in the background, so that a damaged one shows in its campaign soon after the start. */
  private static void warmUp(CampaignServing serving) {
    Thread loader = new Thread(serving::warmUp, "campaign-warm-up");
    loader.setDaemon(true);
    loader.start();
  }

  /** {@code TASTEMAKER_CONSOLE_DIR}: a folder to serve the console from instead of the jar, for working on it. */
  private static Optional<Path> consoleFolder() {
    return Optional.ofNullable(System.getenv("TASTEMAKER_CONSOLE_DIR")).filter(s -> !s.isBlank()).map(Path::of);
  }

  private static OperationRegistry operations(ApiContext ctx) {
    OperationRegistry registry = new OperationRegistry(ctx.disk());
    ResourceLifecycle life = new ResourceLifecycle(ctx);
    StandardOperations standard = new StandardOperations(ctx, life);
    new SchemaOperations(ctx, life).register(registry, standard);
    new DatasetGroupOperations(ctx, life).register(registry, standard);
    new DatasetOperations(ctx, life).register(registry, standard);
    new ImportJobOperations(ctx, life).register(registry, standard);
    new RecipeOperations().register(registry);
    new SolutionOperations(ctx, life).register(registry, standard);
    new SolutionVersionOperations(ctx, life).register(registry, standard);
    new CampaignOperations(ctx, life).register(registry, standard);
    new BatchInferenceOperations(ctx, life).register(registry, standard);
    new DatasetExportOperations(ctx, life).register(registry, standard);
    new DataDeletionOperations(ctx, life).register(registry, standard);
    new MetricAttributionOperations(ctx, life).register(registry, standard);
    new BatchSegmentOperations(ctx, life).register(registry, standard);
    new FilterOperations(ctx, life).register(registry, standard);
    new EventTrackerOperations(ctx, life).register(registry, standard);
    new RecommenderOperations(ctx, life).register(registry, standard);
    new TagOperations(ctx, life).register(registry);
    return registry;
  }

  private static void registerJobs(
      ApiContext ctx, JobRunner jobs, CampaignServing serving, RecommenderServing recommenders, EventStream events, GroupAttributes attributes,
      FilterServing filters, ModelAnswers answers, ActionAnswers actionAnswers, Optional<SparkSettings> spark, S3Access s3) {
    jobs.register(JobTypes.ACTIVATE, new ActivationJob(ctx));
    jobs.register(JobTypes.DELETE, new DeletionJob(ctx, serving, recommenders, events.histories()::forget));
    CampaignSync sync = new CampaignSync(ctx);
    jobs.register(JobTypes.DEPLOY, new DeploymentJob(ctx, serving, sync));
    jobs.register(JobTypes.IMPORT, new ImportJob(ctx, attributes::reload, new AttributionReports(ctx)::afterImport));
    jobs.register(JobTypes.TRAIN, sync.after(new TrainingJob(ctx)));
    jobs.register(JobTypes.BATCH_INFERENCE, new BatchInferenceJob(ctx, serving, answers, actionAnswers, filters, attributes, spark, s3.settings()));
    jobs.register(JobTypes.TRAIN_RECOMMENDER, new RecommenderTrainingJob(ctx, recommenders));
    jobs.register(JobTypes.RECOMMENDER_LIFECYCLE, new RecommenderLifecycleJob(ctx, recommenders));
    jobs.register(JobTypes.EXPORT, new DatasetExportJob(ctx));
    jobs.register(JobTypes.DATASET_UPDATE, new DatasetUpdateJob(ctx, attributes::reload));
    jobs.register(JobTypes.DATA_DELETION, new UserDeletionJob(ctx, serving, recommenders, events.histories(), attributes::reload));
    jobs.register(JobTypes.BATCH_SEGMENT, new BatchSegmentJob(ctx, attributes, spark, s3.settings()));
  }

  /** The server's operations, callable in-process. */
  public LocalApi localApi() {
    return localApi;
  }

  /** The port the server listens on (useful when started on port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The base URL clients use as their endpoint. */
  public URI endpoint() {
    String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    return URI.create("http://" + host + ":" + port());
  }

  @Override
  public void close() throws Exception {
    try {
      retraining.close();
      http.stop();
    } finally {
      changes.ifPresent(ReplicaChanges::close);
      follower.ifPresent(ServingFollower::close);
      newItems.close();
      autoTraining.close();
      events.close();
      jobs.close();
      s3.close();
      db.close();
    }
  }
}
