package io.tastemaker.spark;

import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import java.io.Serializable;
import java.util.Optional;

/**
 * What an executor needs to answer a job's lines, in a form Spark can ship to it: the kind of
 * lines, the model's location, {@code numResults}, the job's exploration settings, its filter
 * snapshot's location, its ranking influence, its Items records' location and its action
 * snapshot's location (null members when it has none).
 */
record LineAnswering(
    BatchJobDescription.Kind kind, String model, int numResults, Double explorationWeight, Double explorationItemAgeCutOffDays, String filterSnapshot,
    BatchJobDescription.Influence rankingInfluence, String itemRecordsFile, String actionsFile)
    implements Serializable {
  static LineAnswering of(BatchJobDescription job) {
    Optional<ExplorationSettings> e = job.exploration();
    return new LineAnswering(job.kind(), job.model(), job.numResults(), e.map(ExplorationSettings::weight).orElse(null),
        e.map(ExplorationSettings::itemAgeCutOffDays).orElse(null), job.filter().orElse(null), job.influence().orElse(null),
        job.itemRecords().orElse(null), job.actions().orElse(null));
  }

  Optional<String> filter() {
    return Optional.ofNullable(filterSnapshot);
  }

  Optional<String> itemRecords() {
    return Optional.ofNullable(itemRecordsFile);
  }

  Optional<String> actions() {
    return Optional.ofNullable(actionsFile);
  }

  Optional<BatchJobDescription.Influence> influence() {
    return Optional.ofNullable(rankingInfluence);
  }

  Optional<ExplorationSettings> exploration() {
    return explorationWeight == null ? Optional.empty() : Optional.of(new ExplorationSettings(explorationWeight, explorationItemAgeCutOffDays));
  }
}
