package io.tastemaker.core.hrnn;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ModelCodec;
import java.io.IOException;

/** How models of one HRNN-family recipe are stored. */
public final class HrnnFormat implements ModelCodec.Format<HrnnModel> {
  private final String recipe;

  public HrnnFormat(String recipe) {
    this.recipe = recipe;
  }

  @Override
  public Class<HrnnModel> type() {
    return HrnnModel.class;
  }

  @Override
  public void write(HrnnModel model, BinaryWriter out) throws IOException {
    model.writeTo(out);
  }

  @Override
  public HrnnModel read(BinaryReader in) {
    return HrnnModel.readFrom(recipe, in);
  }
}
