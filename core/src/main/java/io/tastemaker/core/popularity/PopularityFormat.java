package io.tastemaker.core.popularity;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ModelCodec;
import java.io.IOException;

/** How aws-popularity-count models are stored. */
public final class PopularityFormat implements ModelCodec.Format<PopularityModel> {
  @Override
  public Class<PopularityModel> type() {
    return PopularityModel.class;
  }

  @Override
  public void write(PopularityModel model, BinaryWriter out) throws IOException {
    model.writeTo(out);
  }

  @Override
  public PopularityModel read(BinaryReader in) {
    return PopularityModel.readFrom(in);
  }
}
