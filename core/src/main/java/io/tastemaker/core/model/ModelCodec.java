package io.tastemaker.core.model;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.io.FormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * The model file: a checksummed {@code model} file naming its recipe, followed by the recipe's own
 * encoding. Each recipe registers how to write and read its model.
 */
public final class ModelCodec {
  static final String FORMAT = "model";
  /**
   * Version 2 added the HRNN family's contextual features, 3 each user's previous-session state, 4
   * that state carried on through the current session, 5 the v2 recipes' history bias, 6 the HRNN
   * family's history bias and each known user's items read, 7 the HRNN family's history mix, 8 the
   * v2 recipes' attention bias by distance, 9 the v2 recipes' interaction-context vectors, 10
   * aws-user-personalization's transformer expert, 11 the v2 recipes' transition expert.
   */
  static final int VERSION = 11;
  static final int OLDEST_READABLE = 1;

  /** How one recipe's models are stored. */
  public interface Format<M extends Recommender> {
    Class<M> type();

    void write(M model, BinaryWriter out) throws IOException;

    M read(BinaryReader in);
  }

  private final Map<String, Format<? extends Recommender>> formats;

  /** A codec for the recipes named in {@code formats}. */
  public ModelCodec(Map<String, Format<? extends Recommender>> formats) {
    this.formats = Map.copyOf(formats);
  }

  public void write(Recommender model, OutputStream target) throws IOException {
    Format<? extends Recommender> format = Objects.requireNonNull(formats.get(model.recipe()), () -> "no model format for " + model.recipe());
    try (BinaryWriter out = new BinaryWriter(target, FORMAT, VERSION)) {
      out.writeString(model.recipe());
      writeAs(format, model, out);
      out.finish();
    }
  }

  private static <M extends Recommender> void writeAs(Format<M> format, Recommender model, BinaryWriter out) throws IOException {
    format.write(format.type().cast(model), out);
  }

  public Recommender read(InputStream in, String source) throws IOException {
    BinaryReader reader = BinaryReader.open(in, source, FORMAT, OLDEST_READABLE, VERSION);
    String recipe = reader.readString();
    Format<? extends Recommender> format = formats.get(recipe);
    if (format == null) {
      throw new FormatException(FormatException.Problem.TOO_NEW, source + " holds a model of recipe " + recipe + ", which this Tastemaker cannot load");
    }
    Recommender model;
    try {
      model = format.read(reader);
    } catch (FormatException e) {
      throw e;
    } catch (RuntimeException e) {
      // The checksum held, so the bytes are as written, but they do not make a model of this recipe.
      throw new FormatException(FormatException.Problem.CORRUPT, source + " does not hold a valid " + recipe + " model: " + e.getMessage());
    }
    reader.expectEnd();
    return model;
  }
}
