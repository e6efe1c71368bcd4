package io.tastemaker.server.serving;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One item of an answer as the runtime returns it ({@code PredictedItem}) and a batch line writes it.
 *
 * @param itemId the item
 * @param score its score, for recipes that score and items the model scored
 * @param promotionName the promotion that placed it, if one did
 * @param reasons why it is there besides relevance ({@link Reasons}), in order; usually none
 * @param metadata the requested Items columns it has, as text, in the order asked; empty when none were asked
 */
public record ServedItem(String itemId, OptionalDouble score, Optional<String> promotionName, List<String> reasons, Map<String, String> metadata) {
  public ServedItem {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(promotionName, "promotionName");
    reasons = List.copyOf(reasons);
    // Kept in the order the columns were asked for.
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** An item placed by relevance alone. */
  public static ServedItem of(String itemId, OptionalDouble score) {
    return new ServedItem(itemId, score, Optional.empty(), List.of(), Map.of());
  }

  /** This item with a reason added after those it has. */
  public ServedItem withReason(String reason) {
    List<String> more = new ArrayList<>(reasons);
    more.add(reason);
    return new ServedItem(itemId, score, promotionName, more, metadata);
  }

  /** This item as a promotion placed it: the promotion's name, and "Promoted item" first among its reasons. */
  public ServedItem withPromotion(String name) {
    List<String> more = new ArrayList<>();
    more.add(Reasons.PROMOTED_ITEM);
    more.addAll(reasons);
    return new ServedItem(itemId, score, Optional.of(name), more, metadata);
  }

  /** This item with its Items columns. */
  public ServedItem withMetadata(Map<String, String> columns) {
    return new ServedItem(itemId, score, promotionName, reasons, columns);
  }
}
