package io.tastemaker.core.sample;

/** The Avro schemas of the sample's three datasets, fields in the order of the CSV columns. */
final class SampleSchemas {

  // EVENT_TYPE is reserved and must be a plain string, not categorical.
  static final String INTERACTIONS =
      """
      {
        "type": "record",
        "name": "Interactions",
        "namespace": "com.amazonaws.personalize.schema",
        "fields": [
          {"name": "USER_ID", "type": "string"},
          {"name": "ITEM_ID", "type": "string"},
          {"name": "EVENT_TYPE", "type": "string"},
          {"name": "TIMESTAMP", "type": "long"}
        ],
        "version": "1.0"
      }
      """;

  // A string metadata field is ignored in training unless categorical or textual.
  static final String ITEMS =
      """
      {
        "type": "record",
        "name": "Items",
        "namespace": "com.amazonaws.personalize.schema",
        "fields": [
          {"name": "ITEM_ID", "type": "string"},
          {"name": "TITLE", "type": "string", "textual": true},
          {"name": "CATEGORY", "type": "string", "categorical": true},
          {"name": "PRICE", "type": "float"},
          {"name": "CREATION_TIMESTAMP", "type": "long"}
        ],
        "version": "1.0"
      }
      """;

  // The ECOMMERCE domain requires a categorical CATEGORY_L1 and a float PRICE; TITLE is a field
  // of the shop's own, which a domain schema may add.
  static final String ECOMMERCE_ITEMS =
      """
      {
        "type": "record",
        "name": "Items",
        "namespace": "com.amazonaws.personalize.schema",
        "fields": [
          {"name": "ITEM_ID", "type": "string"},
          {"name": "TITLE", "type": "string", "textual": true},
          {"name": "CATEGORY_L1", "type": "string", "categorical": true},
          {"name": "PRICE", "type": "float"},
          {"name": "CREATION_TIMESTAMP", "type": "long"}
        ],
        "version": "1.0"
      }
      """;

  static final String USERS =
      """
      {
        "type": "record",
        "name": "Users",
        "namespace": "com.amazonaws.personalize.schema",
        "fields": [
          {"name": "USER_ID", "type": "string"},
          {"name": "AGE_GROUP", "type": "string", "categorical": true},
          {"name": "MEMBERSHIP", "type": "string", "categorical": true}
        ],
        "version": "1.0"
      }
      """;

  private SampleSchemas() {}
}
