package io.tastemaker.core.schema;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that a schema fits a dataset type of a custom dataset group: its required fields, the
 * prescribed types of reserved fields, and the number and kind of its other (metadata) fields.
 *
 * <ul>
 *   <li>Interactions: {@code USER_ID} string, {@code ITEM_ID} string and {@code TIMESTAMP} long;
 *       reserved {@code EVENT_TYPE} string, {@code EVENT_VALUE} float or double, and the strings
 *       {@code IMPRESSION}, {@code RECOMMENDATION_ID} and {@code EVENT_ATTRIBUTION_SOURCE}; at most
 *       5 contextual metadata fields.
 *   <li>Users: {@code USER_ID} string and 1 to 5 metadata fields.
 *   <li>Items: {@code ITEM_ID} string, reserved {@code CREATION_TIMESTAMP} long, and 1 to 50
 *       metadata fields.
 *   <li>Actions: {@code ACTION_ID} string; reserved {@code VALUE} (a number), the longs {@code
 *       CREATION_TIMESTAMP} and {@code EXPIRATION_TIMESTAMP}, {@code REPEAT_FREQUENCY} int or long
 *       (days); at least one field besides the id and at most 10 columns in all.
 *   <li>Action_Interactions: {@code USER_ID}, {@code ACTION_ID} and {@code EVENT_TYPE} strings,
 *       {@code TIMESTAMP} long; at most 5 metadata fields.
 * </ul>
 *
 * <p>Metadata fields are strings, numbers or booleans. Training uses categorical strings (and
 * textual ones, Items only), numbers; a plain string or a boolean is accepted and not used, as
 * Personalize documents.
 *
 * <p>Required fields must not be nullable; reserved optional ones may be. Reserved strings must be
 * plain: neither categorical nor textual. Only Items schemas may have textual fields.
 */
public final class DatasetSchemaRules {

  /** Most contextual metadata fields in an Interactions schema, besides the reserved ones. */
  static final int MAX_INTERACTIONS_METADATA = 5;

  /** Most metadata fields in a Users schema. */
  static final int MAX_USERS_METADATA = 5;

  /** Most metadata fields in an Items schema, besides CREATION_TIMESTAMP. */
  static final int MAX_ITEMS_METADATA = 50;

  private static final Set<FieldType> STRING = EnumSet.of(FieldType.STRING);
  private static final Set<FieldType> LONG = EnumSet.of(FieldType.LONG);

  /** Most columns of an Actions schema, the id and reserved fields included. */
  static final int MAX_ACTIONS_FIELDS = 10;

  /** Most metadata fields in an Action_Interactions schema, besides the required ones. */
  static final int MAX_ACTION_INTERACTIONS_METADATA = 5;

  private static final Rules INTERACTIONS =
      new Rules(
          List.of(
              Reserved.required("USER_ID", STRING),
              Reserved.required("ITEM_ID", STRING),
              Reserved.required("TIMESTAMP", LONG),
              Reserved.optional("EVENT_TYPE", STRING),
              Reserved.optional("EVENT_VALUE", EnumSet.of(FieldType.FLOAT, FieldType.DOUBLE)),
              Reserved.optional("IMPRESSION", STRING),
              Reserved.optional("RECOMMENDATION_ID", STRING),
              Reserved.optional("EVENT_ATTRIBUTION_SOURCE", STRING)),
          0,
          MAX_INTERACTIONS_METADATA,
          false);

  private static final Rules ACTIONS =
      new Rules(
          List.of(
              Reserved.required("ACTION_ID", STRING),
              Reserved.optional("VALUE", EnumSet.of(FieldType.INT, FieldType.LONG, FieldType.FLOAT, FieldType.DOUBLE)),
              Reserved.optional("CREATION_TIMESTAMP", LONG),
              Reserved.optional("EXPIRATION_TIMESTAMP", LONG),
              Reserved.optional("REPEAT_FREQUENCY", EnumSet.of(FieldType.INT, FieldType.LONG))),
          0,
          MAX_ACTIONS_FIELDS,
          false);

  private static final Rules ACTION_INTERACTIONS =
      new Rules(
          List.of(
              Reserved.required("USER_ID", STRING),
              Reserved.required("ACTION_ID", STRING),
              Reserved.required("TIMESTAMP", LONG),
              Reserved.required("EVENT_TYPE", STRING)),
          0,
          MAX_ACTION_INTERACTIONS_METADATA,
          false);

  private static final Rules USERS =
      new Rules(List.of(Reserved.required("USER_ID", STRING)), 1, MAX_USERS_METADATA, false);

  private static final Rules ITEMS =
      new Rules(
          List.of(
              Reserved.required("ITEM_ID", STRING), Reserved.optional("CREATION_TIMESTAMP", LONG)),
          1,
          MAX_ITEMS_METADATA,
          true);

  private DatasetSchemaRules() {}

  /**
   * Checks one schema against one dataset type.
   *
   * @throws SchemaException naming the dataset type, the field and what is wrong with it, e.g.
   *     "Interactions schema requires field TIMESTAMP of type long, got string"
   */
  public static void check(DatasetSchema schema, DatasetType type) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(type, "type");
    Rules rules =
        switch (type) {
          case INTERACTIONS -> INTERACTIONS;
          case USERS -> USERS;
          case ITEMS -> ITEMS;
          case ACTIONS -> ACTIONS;
          case ACTION_INTERACTIONS -> ACTION_INTERACTIONS;
        };
    String subject = type.wireName() + " schema";
    for (Reserved reserved : rules.reserved()) {
      reserved.check(schema, subject);
    }
    List<String> metadata = new ArrayList<>();
    for (SchemaField field : schema.fields()) {
      if (!rules.isReserved(field.name())) {
        rules.checkMetadata(field, subject);
        metadata.add(field.name());
      }
    }
    rules.checkMetadataCount(metadata, subject);
    // The guide asks for one metadata column besides the id; the reserved numbers (VALUE...) count.
    if (type == DatasetType.ACTIONS && schema.fields().size() < 2) {
      throw new SchemaException(subject + " needs at least one field besides ACTION_ID, such as VALUE or a categorical field, got none");
    }
    if (type == DatasetType.ACTIONS && schema.fields().size() > MAX_ACTIONS_FIELDS) {
      throw new SchemaException(
          subject + " allows at most " + MAX_ACTIONS_FIELDS + " columns, got " + schema.fields().size());
    }
  }

  /**
   * The contextual fields of an Interactions schema that the metadata recipes learn from: its
   * categorical metadata fields, such as DEVICE or LOCATION.
   */
  public static Set<String> contextualFields(DatasetSchema interactions) {
    Set<String> fields = new java.util.TreeSet<>();
    for (SchemaField field : interactions.fields()) {
      if (field.categorical() && !INTERACTIONS.isReserved(field.name())) {
        fields.add(field.name());
      }
    }
    return fields;
  }

  private static String names(Set<FieldType> types) {
    return types.stream().map(FieldType::avroName).collect(Collectors.joining(" or "));
  }

  /** A field name Personalize gives a meaning and a type to. */
  private record Reserved(String name, boolean required, Set<FieldType> types) {

    static Reserved required(String name, Set<FieldType> types) {
      return new Reserved(name, true, types);
    }

    static Reserved optional(String name, Set<FieldType> types) {
      return new Reserved(name, false, types);
    }

    void check(DatasetSchema schema, String subject) {
      SchemaField field = schema.field(name).orElse(null);
      if (field == null) {
        if (required) {
          throw new SchemaException(
              subject + " requires field " + name + " of type " + names(types)
                  + ", but it is missing");
        }
        return;
      }
      if (!types.contains(field.type())) {
        String expected = names(types) + ", got " + field.type().avroName();
        throw new SchemaException(
            required
                ? subject + " requires field " + name + " of type " + expected
                : subject + " field " + name + " must be of type " + expected);
      }
      if (required && field.nullable()) {
        throw new SchemaException(
            subject + " field " + name + " must not be nullable; remove \"null\" from its type");
      }
      if (field.categorical()) {
        throw new SchemaException(subject + " field " + name + " must not be categorical");
      }
      if (field.textual()) {
        throw new SchemaException(subject + " field " + name + " must not be textual");
      }
    }
  }

  /** What one dataset type asks of its schema. */
  private record Rules(
      List<Reserved> reserved,
      int minMetadata,
      int maxMetadata,
      boolean textualMetadata) {

    boolean isReserved(String name) {
      return reserved.stream().anyMatch(r -> r.name().equals(name));
    }

    void checkMetadata(SchemaField field, String subject) {
      String name = field.name();
      // Plain strings are allowed now, so this is what still tells an Interactions schema from a Users one.
      if ((name.equals("USER_ID") || name.equals("ITEM_ID") || name.equals("ACTION_ID")) && !isReserved(name)) {
        throw new SchemaException(
            subject + " field " + name + " is the id of another dataset type; is this the schema of another dataset?");
      }
      if (field.textual() && !textualMetadata) {
        throw new SchemaException(
            subject + " field " + name + " is textual; only Items schemas can have textual fields");
      }
      // A string that is neither categorical nor textual, and a boolean, are accepted and not used
      // in training, as Personalize documents ("Amazon Personalize won't use the field").
      assert field.type() == FieldType.STRING || field.type() == FieldType.BOOLEAN || field.type().isNumeric() : field.type();
    }

    void checkMetadataCount(List<String> metadata, String subject) {
      if (metadata.size() < minMetadata) {
        List<String> names = reserved.stream().map(Reserved::name).collect(Collectors.toList());
        String besides =
            names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1))
                    + " and " + names.get(names.size() - 1);
        throw new SchemaException(
            subject + " needs at least " + minMetadata
                + (minMetadata == 1 ? " metadata field" : " metadata fields") + " besides "
                + besides + ", got " + (metadata.isEmpty() ? "none" : metadata.size()));
      }
      if (metadata.size() > maxMetadata) {
        throw new SchemaException(
            subject + " allows at most " + maxMetadata + " metadata fields, got "
                + metadata.size() + ": " + String.join(", ", metadata));
      }
    }
  }
}
