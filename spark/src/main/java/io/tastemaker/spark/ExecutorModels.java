package io.tastemaker.spark;

import io.tastemaker.core.affinity.AffinityModel;
import io.tastemaker.core.affinity.UserMask;
import io.tastemaker.core.batch.BatchActionAnswerer;
import io.tastemaker.core.batch.BatchFilter;
import io.tastemaker.core.batch.BatchInfluence;
import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.core.batch.BatchLines;
import io.tastemaker.core.batch.SegmentLineAnswers;
import io.tastemaker.core.batch.SegmentUsers;
import io.tastemaker.core.nextbestaction.ActionSnapshot;
import io.tastemaker.core.nextbestaction.NextBestActionModel;
import io.tastemaker.core.batch.ModelAnswerer;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.FilterSnapshot;
import io.tastemaker.core.filter.ItemRecordsSnapshot;
import io.tastemaker.core.rules.ItemSignalSnapshot;
import io.tastemaker.core.rules.ItemSignals;
import io.tastemaker.core.rules.RankingWeights;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.s3.S3Settings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The models an executor JVM has loaded, by file (a local path or an {@code s3://} object): each is read (header and checksum checked) once per
 * executor, however many partitions and tasks use it, and so are a job's filter snapshot, item signals, Items records and action snapshot. Model files
 * are immutable and a snapshot belongs to one application, so nothing cached goes stale.
 */
final class ExecutorModels {
  private static final Map<String, Recommender> LOADED = new ConcurrentHashMap<>();
  /** A job's filter over a model's catalogue, by snapshot and model file: the snapshot is read and compiled once. */
  private static final Map<List<String>, BatchFilter> FILTERS = new ConcurrentHashMap<>();
  /** The items' signals over a model's catalogue, by signals file and model file. */
  private static final Map<List<String>, ItemSignals> SIGNALS = new ConcurrentHashMap<>();
  /** Items records for attribute queries, by file. */
  private static final Map<String, AttributeTable> ITEMS = new ConcurrentHashMap<>();
  /** Action lines' answers, by action snapshot and model file: the snapshot is read and its filter compiled once. */
  private static final Map<List<String>, BatchActionAnswerer> ACTIONS = new ConcurrentHashMap<>();
  /** A segment job's users per filterValues, by filter snapshot and model file. */
  private static final Map<List<String>, Function<Map<String, String>, UserMask>> SEGMENT_USERS = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  /** How a job of this kind answers a block of lines with this model file and numResults, as the server's job answers them. */
  static Function<List<String>, List<String>> answerer(LineAnswering job, S3Settings s3) {
    String modelFile = job.model();
    int numResults = job.numResults();
    Recommender model = LOADED.computeIfAbsent(modelFile, file -> load(file, s3));
    if (job.kind() == BatchJobDescription.Kind.INFERENCE && model instanceof NextBestActionModel actions) {
      // The server sends what action lines read with every aws-next-best-action job.
      String file = job.actions().orElseThrow(() -> new IllegalStateException("action lines need the action snapshot, which the job did not send"));
      BatchActionAnswerer answerer = ACTIONS.computeIfAbsent(List.of(file, modelFile), k -> new BatchActionAnswerer(actions,
          read(file, s3, "The action snapshot " + file + " cannot be read: ", ActionSnapshot::read)));
      return new BatchLines(answerer, model.type(), model.recipe(), model.scores(), numResults, answerer.filtered())::answerAll;
    }
    if (job.kind() == BatchJobDescription.Kind.INFERENCE) {
      Optional<BatchFilter> filter = job.filter().map(snapshot -> FILTERS.computeIfAbsent(List.of(snapshot, modelFile), k -> new BatchFilter(loadFilter(snapshot, s3), model.items())));
      Optional<BatchInfluence> influence = job.influence().map(i -> new BatchInfluence(new RankingWeights(i.popularity(), i.freshness()),
          SIGNALS.computeIfAbsent(List.of(i.signals(), modelFile), k -> loadSignals(i.signals(), s3).signals(model.items()))));
      return new BatchLines(new ModelAnswerer(model, job.exploration(), filter, influence), model.type(), model.recipe(), model.scores(), numResults, filter.isPresent())
          ::answerAll;
    }
    if (!(model instanceof AffinityModel affinity)) {
      throw new IllegalStateException("The model " + modelFile + " is a " + model.recipe() + " model; batch segment jobs need aws-item-affinity.");
    }
    Optional<AttributeTable> items = job.itemRecords().map(file -> ITEMS.computeIfAbsent(file, f -> read(f, s3, "The items' records " + f + " cannot be read: ",
        ItemRecordsSnapshot::read)));
    Function<Map<String, String>, UserMask> users = job.filter().isEmpty() ? SegmentLineAnswers::everyone
        : SEGMENT_USERS.computeIfAbsent(List.of(job.filter().get(), modelFile), k -> {
          FilterSnapshot snapshot = loadFilter(job.filter().get(), s3);
          return SegmentUsers.of(snapshot.filter(), affinity, snapshot.users(), snapshot);
        });
    SegmentLineAnswers segments = new SegmentLineAnswers(affinity, numResults, users, query -> query.items(affinity.items().ids(),
        // The server sends the Items records with every aws-item-attribute-affinity job.
        items.orElseThrow(() -> new IllegalStateException("attribute queries need the items' records, which the job did not send"))));
    return block -> block.stream().map(segments::answer).toList();
  }

  /** Reads what a file (a local path or an {@code s3://} object) holds; the decoder's and the file system's messages name the file. */
  @FunctionalInterface
  private interface Decoder<T> {
    T decode(InputStream in, String file) throws IOException;
  }

  private static <T> T read(String file, S3Settings s3, String failure, Decoder<T> decoder) {
    try (InputStream in = new BufferedInputStream(Locations.openFrom(file, 0, s3), 1 << 16)) {
      return decoder.decode(in, file);
    } catch (IOException | RuntimeException e) {
      IllegalStateException failed = new IllegalStateException(failure + e.getMessage());
      failed.addSuppressed(e);
      throw failed;
    }
  }

  private static FilterSnapshot loadFilter(String file, S3Settings s3) {
    return read(file, s3, "The filter snapshot " + file + " cannot be read: ", FilterSnapshot::read);
  }

  private static ItemSignalSnapshot loadSignals(String file, S3Settings s3) {
    return read(file, s3, "The item signals " + file + " cannot be read: ", ItemSignalSnapshot::read);
  }

  private static Recommender load(String file, S3Settings s3) {
    return read(file, s3, "The model cannot be loaded: ", RecipeRegistry.standard().codec()::read);
  }
}
