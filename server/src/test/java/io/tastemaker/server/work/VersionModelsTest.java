package io.tastemaker.server.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.popularity.PopularityTrainer;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.Quotas;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.jobs.JobRunner;
import io.tastemaker.server.objects.DataLocations;
import io.tastemaker.server.objects.DiskSpace;
import io.tastemaker.server.objects.FreeSpace;
import io.tastemaker.server.objects.LocalDataRoots;
import io.tastemaker.server.objects.LocalObjectStore;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.objects.S3Access;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.ModelFiles;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.ResourceStore;
import io.tastemaker.server.store.TagStore;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch job's model: taken from a campaign's memory when one holds it, the file checked whole all the same. */
class VersionModelsTest {
  private static final String VERSION = "arn:aws:personalize:us-east-1:000000000000:solution/shop/00000001";
  private static final String KEY = "models/shop/00000001.model";

  @TempDir Path dir;
  private Database db;
  private JobRunner jobs;
  private ApiContext ctx;
  private Resource version;
  private Recommender deployed;

  @BeforeEach
  void open() throws Exception {
    db = Database.openEmbedded(dir);
    jobs = new JobRunner(db, Clock.systemUTC(), 1, 1);
    ctx = new ApiContext(
        db, new ResourceStore(), new TagStore(), jobs, new Arns("us-east-1", "000000000000"), "000000000000", Clock.systemUTC(), Quotas.defaults(),
        new LocalObjectStore(dir.resolve("objects")), new DataLocations(new S3Access(Optional.empty()), new LocalDataRoots(List.of(), dir)),
        RecipeRegistry.standard(), new DiskSpace(FreeSpace.of(dir)));
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    b.add("u", "movie-a", 1_700_000_000L, Optional.empty(), Double.NaN);
    deployed = PopularityTrainer.train(b.build());
    try (ObjectStore.PendingObject object = ctx.objects().create(KEY)) {
      ctx.recipes().codec().write(deployed, object.stream());
      object.commit();
    }
    Instant at = Instant.ofEpochSecond(1_700_000_000L);
    version = new Resource(VERSION, ResourceKind.SOLUTION_VERSION, "00000001", Optional.empty(), Optional.empty(), Optional.of(Status.ACTIVE),
        Optional.empty(), at, at, Json.object().put(ModelFiles.MODEL, KEY));
    db.write(tx -> ctx.resources().insert(tx, version, VERSION));
  }

  @AfterEach
  void close() {
    jobs.close();
    db.close();
  }

  private Recommender load() throws JobFailure {
    return VersionModels.load(ctx, key -> key.equals(KEY) ? Optional.of(deployed) : Optional.empty(), version, "Batch inference", "run the batch inference job with it");
  }

  @Test
  void a_model_a_campaign_holds_in_memory_is_shared_rather_than_loaded_again() throws Exception {
    assertThat(load()).isSameAs(deployed);
  }

  @Test
  void a_file_damaged_since_the_campaign_loaded_it_still_fails_the_job_and_marks_the_version() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(dir.resolve("objects").resolve(KEY).toFile(), "rw")) {
      file.seek(file.length() / 2);
      int b = file.read();
      file.seek(file.length() / 2);
      file.write(b ^ 0xFF);
    }
    assertThatThrownBy(this::load).isInstanceOf(JobFailure.class).hasMessageContaining(KEY + " is corrupt: its checksum does not match its content");
    Resource marked = db.read(tx -> ctx.resources().find(tx, VERSION)).orElseThrow();
    assertThat(marked.failureReason()).hasValueSatisfying(reason -> assertThat(reason).contains("is corrupt"));
  }
}
