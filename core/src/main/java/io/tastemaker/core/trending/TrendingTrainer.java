package io.tastemaker.core.trending;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.stream.IntStream;

/**
 * Trains aws-trending-now: windows of {@code trend_discovery_frequency} laid on the epoch, and each
 * item's interactions counted in the window of the newest interaction and the two before it, and in
 * all. Time is the data's own, as the guide says ("the time is based on timestamp data in your
 * Interactions dataset"), so imported history trends where it ends, not at the wall clock.
 */
public final class TrendingTrainer implements Trainer {
  @Override
  public TrendingModel train(TrainingInput input, TrainingMonitor monitor) {
    long window = TrendFrequency.of(input.hyperparameters().get("trend_discovery_frequency")).seconds();
    InteractionData data = input.interactions();
    int items = data.itemCount();
    long newestTime = Long.MIN_VALUE;
    for (int i = 0; i < data.size(); i++) {
      newestTime = Math.max(newestTime, data.timestamp(i));
    }
    long newest = data.size() == 0 ? 0 : Math.floorDiv(newestTime, window);
    int[][] counts = new int[TrendingModel.WINDOWS][items];
    int[] totals = new int[items];
    for (int i = 0; i < data.size(); i++) {
      int item = data.item(i);
      totals[item]++;
      long k = Math.floorDiv(data.timestamp(i), window) - (newest - (TrendingModel.WINDOWS - 1));
      if (k >= 0) {
        counts[(int) k][item]++;
      }
      if ((i & 0xFFFF) == 0) {
        monitor.checkStop();
      }
    }
    int[] popular = IntStream.range(0, items).boxed()
        .sorted((a, b) -> totals[a] != totals[b] ? Integer.compare(totals[b], totals[a]) : data.itemId(a).compareTo(data.itemId(b)))
        .mapToInt(Integer::intValue)
        .toArray();
    return new TrendingModel(data.itemIds(), window, newest, counts, popular);
  }
}
