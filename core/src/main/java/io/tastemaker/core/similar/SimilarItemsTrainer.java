package io.tastemaker.core.similar;

import static io.tastemaker.core.recipe.HyperParameter.Stage.ALGORITHM;

import io.tastemaker.core.cooccurrence.NeighbourModel;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.sims.SimsModel;
import io.tastemaker.core.sims.SimsTrainer;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains the similar-items family: aws-sims's co-occurrence neighbours (what the same users
 * watched) fused with neighbours by shared categorical item metadata ({@link MetadataNeighbours}:
 * genres, owner, classification) by reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR
 * 2009): j scores {@code (1 - w) / (60 + rank_sims(j)) + w / (60 + rank_metadata(j))} with {@code w =
 * metadata_weight}, a missing rank adding nothing. Ranks fuse where the two similarities have no
 * common scale. Items of the Items dataset nobody interacted with join the catalogue through their
 * metadata, so a new video has neighbours and can be one.
 */
public final class SimilarItemsTrainer implements Trainer {
  public static final String RECIPE = "item-similarity";
  /** Reciprocal rank fusion's constant, as its authors chose it. */
  static final int FUSION_K = 60;
  static final int NEIGHBOURS = 500;

  /** aws-sims's hyperparameters and the metadata weight; not a recipe of ListRecipes. */
  public static final Recipe FAMILY = family();

  private static Recipe family() {
    Recipe sims = RecipeCatalog.byName(RecipeCatalog.SIMS).orElseThrow();
    List<HyperParameter> parameters = new ArrayList<>(sims.parameters());
    parameters.add(HyperParameter.continuous("metadata_weight", 0.5, 0.0, 1.0, false, ALGORITHM));
    return new Recipe(
        RECIPE, RecipeType.RELATED_ITEMS, "Similar items from co-occurrence and shared item metadata.", RECIPE, sims.featureTransformationName(),
        parameters, sims.aliases());
  }

  @Override
  public NeighbourModel train(TrainingInput input, TrainingMonitor monitor) {
    Map<String, String> p = input.hyperparameters();
    double w = HyperParameter.asDouble(p.get("metadata_weight"));
    Recipe sims = RecipeCatalog.byName(RecipeCatalog.SIMS).orElseThrow();
    Map<String, String> simsParameters = new HashMap<>();
    sims.parameters().forEach(h -> simsParameters.put(h.name(), p.get(h.name())));
    SimsModel behaviour = new SimsTrainer().train(input.withHyperparameters(simsParameters), monitor);
    InteractionData data = input.interactions();

    Set<String> catalogue = new LinkedHashSet<>(behaviour.items().ids());
    catalogue.addAll(input.items().ids());
    List<String> ids = new ArrayList<>(catalogue);
    Map<String, Integer> index = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    int[] fromSims = new int[behaviour.items().size()];
    for (int m = 0; m < fromSims.length; m++) {
      fromSims[m] = index.get(behaviour.items().id(m));
    }
    monitor.checkStop();
    int[][] byMetadata = w == 0 ? new int[ids.size()][0] : MetadataNeighbours.of(ids, input.items(), NEIGHBOURS);
    monitor.checkStop();
    double[] fused = new double[ids.size()];
    int[][] neighbours = new int[ids.size()][];
    for (int i = 0; i < ids.size(); i++) {
      List<Integer> touched = new ArrayList<>();
      if (i < fromSims.length && w < 1) {
        int[] list = behaviour.neighbours(behaviour.items().indexOf(ids.get(i)).orElseThrow());
        for (int r = 0; r < list.length; r++) {
          int j = fromSims[list[r]];
          touched.add(j);
          fused[j] += (1 - w) / (FUSION_K + r + 1);
        }
      }
      for (int r = 0; r < byMetadata[i].length; r++) {
        int j = byMetadata[i][r];
        if (fused[j] == 0) {
          touched.add(j);
        }
        fused[j] += w / (FUSION_K + r + 1);
      }
      neighbours[i] = best(touched, fused);
    }
    Ranking popular = behaviour.popular(behaviour.items().size(), ItemMask.ALL);
    int[] popularItems = popular.items();
    for (int k = 0; k < popularItems.length; k++) {
      popularItems[k] = fromSims[popularItems[k]];
    }
    assert data.itemCount() <= ids.size() : "every interacted item is in the catalogue";
    return new NeighbourModel(RECIPE, ids, neighbours, popularItems);
  }

  /** The touched items by fused score, ties to the smaller index; clears their scores. */
  private static int[] best(List<Integer> touched, double[] fused) {
    List<Integer> distinct = new ArrayList<>(new LinkedHashSet<>(touched));
    double[] score = new double[distinct.size()];
    for (int k = 0; k < distinct.size(); k++) {
      score[k] = fused[distinct.get(k)];
    }
    for (int j : distinct) {
      fused[j] = 0;
    }
    Integer[] order = new Integer[distinct.size()];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(distinct.get(a), distinct.get(b)));
    int keep = Math.min(NEIGHBOURS, order.length);
    int[] list = new int[keep];
    for (int k = 0; k < keep; k++) {
      list[k] = distinct.get(order[k]);
    }
    return list;
  }
}
