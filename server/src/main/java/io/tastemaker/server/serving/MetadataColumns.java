package io.tastemaker.server.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.SchemaField;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.datasets.DatasetSchemas;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's {@code metadataColumns} ({@code {"ITEMS": ["GENRES", "PRICE"]}}): each answered item
 * carries those columns of its Items record as text. Allowed on campaigns whose {@code campaignConfig}
 * has {@code enableMetadataWithRecommendations}, and always for the v2 recipes; at most 10 columns of the Items schema, and at most
 * 50 items asked ({@code numResults}, {@code inputList}).
 */
public final class MetadataColumns {
  /** The most columns a request may ask for (Personalize's documented limit). */
  public static final int MAX_COLUMNS = 10;
  /** The most items a request with metadata may ask for. */
  public static final int MAX_ITEMS = 50;

  /**
   * The v2 recipes return metadata without the campaign switch: their guide pages say the campaign
   * includes it by itself when the Items dataset has a column.
   */
  static final Set<String> METADATA_WITHOUT_SWITCH = Set.of(RecipeCatalog.USER_PERSONALIZATION_V2, RecipeCatalog.PERSONALIZED_RANKING_V2);

  private final ApiContext ctx;
  private final GroupAttributes attributes;

  public MetadataColumns(ApiContext ctx, GroupAttributes attributes) {
    this.ctx = ctx;
    this.attributes = attributes;
  }

  /**
   * The columns a request asks for, in order, each once; empty when it asks for none.
   *
   * @throws ApiException InvalidInputException when a key is not ITEMS or more than 10 columns are asked
   */
  public static List<String> requested(Optional<JsonNode> metadataColumns) {
    if (metadataColumns.isEmpty() || metadataColumns.get().isEmpty()) {
      return List.of();
    }
    Set<String> columns = new LinkedHashSet<>();
    for (Map.Entry<String, JsonNode> e : metadataColumns.get().properties()) {
      if (!e.getKey().equalsIgnoreCase("ITEMS")) {
        throw ApiException.invalidInput("metadataColumns takes columns of the ITEMS dataset only, got the key " + e.getKey() + ".");
      }
      e.getValue().forEach(c -> columns.add(c.asText()));
    }
    if (columns.size() > MAX_COLUMNS) {
      throw ApiException.invalidInput("metadataColumns.ITEMS names " + columns.size() + " columns; at most " + MAX_COLUMNS + " may be asked for.");
    }
    return List.copyOf(columns);
  }

  /**
   * Checks that the campaign may answer these columns for this many items, and finds them in the
   * Items schema: requested name to schema name.
   *
   * @param asked the number of items asked for, and the member that asks ({@code numResults}, {@code inputList})
   * @throws ApiException InvalidInputException naming what is wrong: metadata not enabled, too many
   *     items, no Items dataset, a column not in its schema
   */
  public Map<String, String> check(ServedModel served, List<String> columns, int asked, String askedBy) {
    if (!served.settings().metadata() && !METADATA_WITHOUT_SWITCH.contains(served.model().recipe())) {
      boolean recommender = served.servedBy().startsWith("the recommender");
      throw ApiException.invalidInput(recommender
          ? "metadataColumns need a recommender with recommenderConfig.enableMetadataWithRecommendations true; " + served.servedBy()
              + " does not enable it (UpdateRecommender can)."
          : "metadataColumns need a campaign with campaignConfig.enableMetadataWithRecommendations true; the campaign " + served.campaignArn()
              + " does not enable it (UpdateCampaign can).");
    }
    if (asked > MAX_ITEMS) {
      throw ApiException.invalidInput(askedBy + " may ask for at most " + MAX_ITEMS + " items when metadataColumns are given, got " + asked + ".");
    }
    String itemsDataset = ctx.arns().dataset(Arns.resourceName(served.datasetGroupArn()), "ITEMS");
    DatasetSchema schema = DatasetSchemas.ofDataset(ctx, itemsDataset)
        .orElseThrow(() -> ApiException.invalidInput("metadataColumns need an Items dataset; the dataset group " + served.datasetGroupArn() + " has none."));
    Map<String, String> resolved = new LinkedHashMap<>();
    for (String column : columns) {
      resolved.put(column, schemaName(schema, column));
    }
    return resolved;
  }

  private static String schemaName(DatasetSchema schema, String column) {
    Optional<SchemaField> field = schema.field(column);
    if (field.isEmpty()) {
      field = schema.fields().stream().filter(f -> f.name().equalsIgnoreCase(column)).findFirst();
    }
    if (field.isEmpty() || field.get().name().equals("ITEM_ID")) {
      List<String> names = new ArrayList<>();
      schema.fields().stream().map(SchemaField::name).filter(n -> !n.equals("ITEM_ID")).forEach(names::add);
      throw ApiException.invalidInput(
          "metadataColumns.ITEMS names " + column + ", which is not a column of the Items dataset; its columns are " + String.join(", ", names) + ".");
    }
    return field.get().name();
  }

  /** The items with the columns their Items records have, keyed as the request named them. */
  public List<ServedItem> fill(ServedModel served, Map<String, String> columns, List<ServedItem> items) {
    if (columns.isEmpty()) {
      return items;
    }
    ItemTexts texts = attributes.itemTexts(served.datasetGroupArn());
    List<ServedItem> out = new ArrayList<>(items.size());
    for (ServedItem item : items) {
      Map<String, String> record = texts.get(item.itemId()).orElse(Map.of());
      Map<String, String> values = new LinkedHashMap<>();
      columns.forEach((asked, name) -> {
        String value = record.get(name);
        if (value != null) {
          values.put(asked, value);
        }
      });
      out.add(item.withMetadata(values));
    }
    return out;
  }
}
