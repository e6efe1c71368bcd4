package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.hrnn.HrnnFormat;
import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.transformer.TransformerFormat;
import io.tastemaker.core.transformer.TransformerModel;
import java.io.IOException;
import java.util.Optional;

/**
 * How aws-user-personalization models are stored: the HRNN's encoding, then the offsets, the exposure
 * table, the seed and the exploration defaults, then (since version 10) whether a transformer expert
 * follows, and its encoding.
 */
public final class UserPersonalizationFormat implements ModelCodec.Format<UserPersonalizationModel> {
  private final HrnnFormat hrnn;
  private final TransformerFormat transformer;

  public UserPersonalizationFormat(String recipe) {
    this.hrnn = new HrnnFormat(recipe);
    this.transformer = new TransformerFormat(recipe);
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
    Optional<TransformerModel> expert = model.transformerExpert();
    out.writeByte(expert.isPresent() ? 1 : 0);
    if (expert.isPresent()) {
      transformer.write(expert.get(), out);
    }
  }

  @Override
  public UserPersonalizationModel read(BinaryReader in) {
    HrnnModel relevance = hrnn.read(in);
    float[] offsets = in.readFloats();
    ItemExposure exposure = ItemExposure.readFrom(in, relevance.items().size());
    long seed = in.readLong();
    ExplorationSettings defaults = new ExplorationSettings(in.readDouble(), in.readDouble());
    // Model files before version 10 hold the HRNN alone, and answer as they did.
    Optional<SequenceExpert> expert =
        in.version() >= 10 && in.readByte() == 1 ? Optional.of(SequenceExpert.of(transformer.read(in), relevance.items())) : Optional.empty();
    return new UserPersonalizationModel(relevance, expert, offsets, exposure, seed, defaults);
  }
}
