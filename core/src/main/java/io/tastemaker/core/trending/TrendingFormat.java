package io.tastemaker.core.trending;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ModelCodec;
import java.io.IOException;

/** How aws-trending-now models are stored. */
public final class TrendingFormat implements ModelCodec.Format<TrendingModel> {
  @Override
  public Class<TrendingModel> type() {
    return TrendingModel.class;
  }

  @Override
  public void write(TrendingModel model, BinaryWriter out) throws IOException {
    model.writeTo(out);
  }

  @Override
  public TrendingModel read(BinaryReader in) {
    return TrendingModel.readFrom(in);
  }
}
