package io.tastemaker.spark;

import io.tastemaker.core.batch.BatchLines;
import io.tastemaker.core.batch.ModelAnswerer;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.s3.S3Settings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models an executor JVM has loaded, by file (a local path or an {@code s3://} object): each is read (header and checksum checked) once per
 * executor, however many partitions and tasks use it. Model files are immutable, so a cached model
 * never goes stale.
 */
final class ExecutorModels {
  private static final Map<String, Recommender> LOADED = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  /** The lines of a job with this model file and numResults. */
  static BatchLines lines(String modelFile, int numResults, S3Settings s3) {
    Recommender model = LOADED.computeIfAbsent(modelFile, file -> load(file, s3));
    return new BatchLines(new ModelAnswerer(model, Optional.empty()), model.type(), model.recipe(), model.scores(), numResults, false);
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
