package io.tastemaker.spark;

import io.tastemaker.core.affinity.AffinityModel;
import io.tastemaker.core.batch.BatchFilter;
import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.core.batch.BatchLines;
import io.tastemaker.core.batch.SegmentLineAnswers;
import io.tastemaker.core.batch.ModelAnswerer;
import io.tastemaker.core.filter.FilterSnapshot;
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
 * executor, however many partitions and tasks use it, and so is a job's filter snapshot. Model files
 * are immutable and a snapshot belongs to one application, so nothing cached goes stale.
 */
final class ExecutorModels {
  private static final Map<String, Recommender> LOADED = new ConcurrentHashMap<>();
  /** A job's filter over a model's catalogue, by snapshot and model file: the snapshot is read and compiled once. */
  private static final Map<List<String>, BatchFilter> FILTERS = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  /** How a job of this kind answers a block of lines with this model file and numResults, as the server's job answers them. */
  static Function<List<String>, List<String>> answerer(LineAnswering job, S3Settings s3) {
    String modelFile = job.model();
    int numResults = job.numResults();
    Recommender model = LOADED.computeIfAbsent(modelFile, file -> load(file, s3));
    if (job.kind() == BatchJobDescription.Kind.INFERENCE) {
      Optional<BatchFilter> filter = job.filter().map(snapshot -> FILTERS.computeIfAbsent(List.of(snapshot, modelFile), k -> new BatchFilter(loadFilter(snapshot, s3), model.items())));
      return new BatchLines(new ModelAnswerer(model, job.exploration(), filter), model.type(), model.recipe(), model.scores(), numResults, filter.isPresent())::answerAll;
    }
    if (!(model instanceof AffinityModel affinity)) {
      throw new IllegalStateException("The model " + modelFile + " is a " + model.recipe() + " model; batch segment jobs need aws-item-affinity.");
    }
    SegmentLineAnswers segments = new SegmentLineAnswers(affinity, numResults, SegmentLineAnswers::everyone, query -> {
      // The server sends only aws-item-affinity jobs, whose lines name items, never attributes.
      throw new IllegalStateException("attribute queries need the items' records, which the application does not have");
    });
    return block -> block.stream().map(segments::answer).toList();
  }

  private static FilterSnapshot loadFilter(String file, S3Settings s3) {
    try (InputStream in = new BufferedInputStream(Locations.openFrom(file, 0, s3), 1 << 16)) {
      return FilterSnapshot.read(in, file);
    } catch (IOException | RuntimeException e) {
      IllegalStateException failure = new IllegalStateException("The filter snapshot " + file + " cannot be read: " + e.getMessage());
      failure.addSuppressed(e);
      throw failure;
    }
  }

  private static Recommender load(String file, S3Settings s3) {
    try (InputStream in = new BufferedInputStream(Locations.openFrom(file, 0, s3), 1 << 16)) {
      return RecipeRegistry.standard().codec().read(in, file);
    } catch (IOException | RuntimeException e) {
      // The codec's and the file system's messages name the file.
      IllegalStateException failure = new IllegalStateException("The model cannot be loaded: " + e.getMessage());
      failure.addSuppressed(e);
      throw failure;
    }
  }
}
