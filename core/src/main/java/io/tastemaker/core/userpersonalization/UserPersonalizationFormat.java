package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.hrnn.HrnnFormat;
import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ModelCodec;
import java.io.IOException;

/** How aws-user-personalization models are stored: the HRNN's encoding, then the offsets, the exposure table, the seed and the exploration defaults. */
public final class UserPersonalizationFormat implements ModelCodec.Format<UserPersonalizationModel> {
  private final HrnnFormat hrnn;

  public UserPersonalizationFormat(String recipe) {
    this.hrnn = new HrnnFormat(recipe);
  }

  @Override
  public Class<UserPersonalizationModel> type() {
    return UserPersonalizationModel.class;
  }

  @Override
  public void write(UserPersonalizationModel model, BinaryWriter out) throws IOException {
    hrnn.write(model.relevance(), out);
    out.writeFloats(model.offsets());
    model.exposure().writeTo(out);
    out.writeLong(model.seed());
    out.writeDouble(model.explorationDefaults().weight());
    out.writeDouble(model.explorationDefaults().itemAgeCutOffDays());
  }

  @Override
  public UserPersonalizationModel read(BinaryReader in) {
    HrnnModel relevance = hrnn.read(in);
    float[] offsets = in.readFloats();
    ItemExposure exposure = ItemExposure.readFrom(in, relevance.items().size());
    long seed = in.readLong();
    ExplorationSettings defaults = new ExplorationSettings(in.readDouble(), in.readDouble());
    return new UserPersonalizationModel(relevance, offsets, exposure, seed, defaults);
  }
}
