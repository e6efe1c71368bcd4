package io.tastemaker.server.serving;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
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

  /**
   * Loads a model, checking its header and checksum.
   *
   * @throws DamagedObjectException when the file is missing, corrupt or of an unknown version
   */
  public static Recommender load(ApiContext ctx, String key) {
    return ctx.objects().read(key, ctx.recipes().codec()::read);
  }

  /**
   * Checks a model file whole, its header and checksum, as it streams past, without decoding it:
   * for a reader that takes the model from memory, so that a file damaged since it was loaded is
   * still reported by the next reader.
   *
   * @throws DamagedObjectException as {@link #load} does
   */
  public static void check(ApiContext ctx, String key) {
    ctx.objects().read(key, BinaryReader::check);
  }
}
