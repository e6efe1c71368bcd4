package io.tastemaker.spark;

import io.tastemaker.core.batch.BatchLines;
import io.tastemaker.core.batch.ModelAnswerer;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.training.RecipeRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models an executor JVM has loaded, by file: each is read (header and checksum checked) once per
 * executor, however many partitions and tasks use it. Model files are immutable, so a cached model
 * never goes stale.
 */
final class ExecutorModels {
  private static final Map<String, Recommender> LOADED = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  /** The lines of a job with this model file and numResults. */
  static BatchLines lines(String modelFile, int numResults) {
    Recommender model = LOADED.computeIfAbsent(modelFile, ExecutorModels::load);
    return new BatchLines(new ModelAnswerer(model, Optional.empty()), model.type(), model.recipe(), model.scores(), numResults, false);
  }

  private static Recommender load(String file) {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return RecipeRegistry.standard().codec().read(in, file);
    } catch (IOException | RuntimeException e) {
      // The codec's and the file system's messages name the file.
      IllegalStateException failure = new IllegalStateException("The model cannot be loaded: " + e.getMessage());
      failure.addSuppressed(e);
      throw failure;
    }
  }
}
