package io.tastemaker.server.work;

import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.ModelFaults;
import io.tastemaker.server.serving.ModelFiles;
import java.util.Optional;
import java.util.function.Function;

/** A batch job's solution version and its model, with the failure reasons users see when either is missing. */
final class VersionModels {
  private VersionModels() {}

  /** The version, which must exist and be ACTIVE. */
  static Resource activeVersion(ApiContext ctx, String versionArn, String jobKind) throws JobFailure {
    Resource version = ctx.db().read(tx -> ctx.resources().find(tx, versionArn)).orElseThrow(() -> new JobFailure("The solution version " + versionArn + " no longer exists."));
    if (!version.hasStatus(Status.ACTIVE)) {
      throw new JobFailure("The solution version " + versionArn + " is " + version.statusOrEmpty() + ", not ACTIVE; " + jobKind + " needs a trained model.");
    }
    return version;
  }

  /**
   * The version's model; a damaged file marks the version and fails the job saying what to do.
   *
   * @param jobKind capitalised, such as {@code Batch inference}
   * @param rerun what to run again with the new version, such as {@code run the batch inference job with it}
   */
  static Recommender load(ApiContext ctx, Resource version, String jobKind, String rerun) throws JobFailure {
    return load(ctx, key -> Optional.empty(), version, jobKind, rerun);
  }

  /**
   * As {@link #load(ApiContext, Resource, String, String)}, but a model {@code inMemory} has for the
   * file is taken as it is, once the file has been checked whole (streamed, not decoded): a file
   * damaged since it was loaded fails the job all the same.
   */
  static Recommender load(ApiContext ctx, Function<String, Optional<Recommender>> inMemory, Resource version, String jobKind, String rerun)
      throws JobFailure {
    String key = ModelFiles.keyOf(version).orElseThrow(() -> new JobFailure("The solution version " + version.arn() + " has no model."));
    try {
      Optional<Recommender> loaded = inMemory.apply(key);
      if (loaded.isPresent()) {
        ModelFiles.check(ctx, key);
        return loaded.get();
      }
      return ModelFiles.load(ctx, key);
    } catch (DamagedObjectException e) {
      new ModelFaults(ctx).versionDamaged(version.arn(), e);
      throw new JobFailure(
          jobKind + " needs the model of the solution version " + version.arn() + ", which cannot be loaded: " + e.getMessage()
              + ". Train a new solution version (CreateSolutionVersion) and " + rerun + ".", e);
    }
  }
}
