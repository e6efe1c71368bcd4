package io.tastemaker.core.sims;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ModelCodec;
import java.io.IOException;

/** How aws-sims models are stored. */
public final class SimsFormat implements ModelCodec.Format<SimsModel> {
  @Override
  public Class<SimsModel> type() {
    return SimsModel.class;
  }

  @Override
  public void write(SimsModel model, BinaryWriter out) throws IOException {
    model.writeTo(out);
  }

  @Override
  public SimsModel read(BinaryReader in) {
    return SimsModel.readFrom(in);
  }
}
