package io.tastemaker.core.transformer;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ModelCodec;
import java.io.IOException;

/** How models of one v2 recipe are stored. */
public final class TransformerFormat implements ModelCodec.Format<TransformerModel> {
  private final String recipe;

  public TransformerFormat(String recipe) {
    this.recipe = recipe;
  }

  @Override
  public Class<TransformerModel> type() {
    return TransformerModel.class;
  }

  @Override
  public void write(TransformerModel model, BinaryWriter out) throws IOException {
    model.writeTo(out);
  }

  @Override
  public TransformerModel read(BinaryReader in) {
    return TransformerModel.readFrom(recipe, in);
  }
}
