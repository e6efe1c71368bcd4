package io.tastemaker.core.affinity;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ModelCodec;
import java.io.IOException;

/** How models of one affinity recipe are stored. */
public final class AffinityFormat implements ModelCodec.Format<AffinityModel> {
  private final String recipe;

  public AffinityFormat(String recipe) {
    this.recipe = recipe;
  }

  @Override
  public Class<AffinityModel> type() {
    return AffinityModel.class;
  }

  @Override
  public void write(AffinityModel model, BinaryWriter out) throws IOException {
    model.writeTo(out);
  }

  @Override
  public AffinityModel read(BinaryReader in) {
    return AffinityModel.readFrom(recipe, in);
  }
}
