package io.tastemaker.core.schema;

/** The example schemas of the Personalize developer guide, as CreateSchema receives them. */
final class SchemaExamples {

  static final String INTERACTIONS =
      """
      {
        "type": "record",
        "name": "Interactions",
        "namespace": "com.amazonaws.personalize.schema",
        "fields": [
          {"name": "USER_ID",     "type": "string"},
          {"name": "ITEM_ID",     "type": "string"},
          {"name": "EVENT_TYPE",  "type": "string"},
          {"name": "EVENT_VALUE", "type": ["float", "null"]},
          {"name": "DEVICE",      "type": ["string", "null"], "categorical": true},
          {"name": "TIMESTAMP",   "type": "long"}
        ],
        "version": "1.0"
      }
      """;

  static final String ITEMS =
      """
      {
        "type": "record",
        "name": "Items",
        "namespace": "com.amazonaws.personalize.schema",
        "fields": [
          {"name": "ITEM_ID",            "type": "string"},
          {"name": "GENRES",             "type": ["null", "string"], "categorical": true},
          {"name": "CREATION_TIMESTAMP", "type": "long"},
          {"name": "DESCRIPTION",        "type": ["null", "string"], "textual": true}
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
          {"name": "AGE",     "type": "int"},
          {"name": "GENDER",  "type": "string", "categorical": true}
        ],
        "version": "1.0"
      }
      """;

  private SchemaExamples() {}

  /** A Users record whose only fields are USER_ID and the given field JSON objects. */
  static String usersWith(String... fieldJson) {
    return recordWith("Users", "{\"name\": \"USER_ID\", \"type\": \"string\"}", fieldJson);
  }

  /** A record with the given name and field JSON objects. */
  static String recordWith(String name, String first, String... more) {
    StringBuilder json = new StringBuilder();
    json.append("{\"type\": \"record\", \"name\": \"").append(name).append("\", \"fields\": [");
    json.append(first);
    for (String field : more) {
      json.append(", ").append(field);
    }
    return json.append("], \"version\": \"1.0\"}").toString();
  }
}
