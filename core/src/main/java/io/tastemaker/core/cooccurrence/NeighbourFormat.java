package io.tastemaker.core.cooccurrence;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ModelCodec;
import java.io.IOException;

/** How the neighbour lists of one item-to-item family are stored. */
public final class NeighbourFormat implements ModelCodec.Format<NeighbourModel> {
  private final String recipe;

  public NeighbourFormat(String recipe) {
    this.recipe = recipe;
  }

  @Override
  public Class<NeighbourModel> type() {
    return NeighbourModel.class;
  }

  @Override
  public void write(NeighbourModel model, BinaryWriter out) throws IOException {
    model.writeTo(out);
  }

  @Override
  public NeighbourModel read(BinaryReader in) {
    return NeighbourModel.readFrom(recipe, in);
  }
}
