package io.tastemaker.server.serving;

import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Where a solution version's trained model is stored, and how it is loaded. */
public final class ModelFiles {
  /** The internal attribute of a solution version holding its model's object key. */
  public static final String MODEL = "_model";

  private ModelFiles() {}

  /** The object key of a version's model: {@code models/<solution>/<version id>.model}. */
  public static String keyFor(String solutionVersionArn) {
    return "models/" + Arns.resourceName(solutionVersionArn) + ".model";
  }

  public static Optional<String> keyOf(Resource version) {
    return version.text(MODEL);
  }

  public static Recommender load(ApiContext ctx, String key) {
    try (InputStream in = ctx.objects().open(key)) {
      return ctx.recipes().codec().read(in, key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the model " + key, e);
    }
  }
}
