package io.tastemaker.core.nextbestaction;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ModelCodec;
import java.io.IOException;

/** How aws-next-best-action models are stored. */
public final class NextBestActionFormat implements ModelCodec.Format<NextBestActionModel> {
  private final String recipe;

  public NextBestActionFormat(String recipe) {
    this.recipe = recipe;
  }

  @Override
  public Class<NextBestActionModel> type() {
    return NextBestActionModel.class;
  }

  @Override
  public void write(NextBestActionModel model, BinaryWriter out) throws IOException {
    model.writeTo(out);
  }

  @Override
  public NextBestActionModel read(BinaryReader in) {
    return NextBestActionModel.readFrom(recipe, in);
  }
}
