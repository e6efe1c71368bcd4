package io.tastemaker.core.domain;

import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetSchemaRules;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.schema.FieldType;
import io.tastemaker.core.schema.SchemaException;
import io.tastemaker.core.schema.SchemaField;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each domain asks of its datasets' schemas, on top of what every schema must meet ({@link
 * DatasetSchemaRules}): the developer guide's "ECOMMERCE datasets and schemas" and
 * "VIDEO_ON_DEMAND datasets and schemas" pages ({@code
 * docs.aws.amazon.com/personalize/latest/dg/ECOMMERCE-datasets-and-schemas.html}, {@code
 * .../VIDEO-ON-DEMAND-datasets-and-schemas.html}).
 *
 * <ul>
 *   <li>Interactions, both domains: {@code EVENT_TYPE} is required (the use cases train on event
 *       types).
 *   <li>Users, both domains: at least one metadata field that training can use, a categorical
 *       string or a number; VIDEO_ON_DEMAND reserves {@code SUBSCRIPTION_MODEL} (categorical).
 *   <li>Items, ECOMMERCE: {@code PRICE} (float) and {@code CATEGORY_L1} (categorical string) are
 *       required; {@code CATEGORY_L2}, {@code CATEGORY_L3}, {@code AGE_GROUP}, {@code ADULT} and
 *       {@code GENDER} are reserved categorical strings, {@code PRODUCT_DESCRIPTION} a textual one.
 *   <li>Items, VIDEO_ON_DEMAND: {@code GENRES} (categorical string) and {@code CREATION_TIMESTAMP}
 *       (long) are required; {@code PRICE}, {@code DURATION} and {@code AVERAGE_RATING} are
 *       reserved floats, {@code GENRE_L2}, {@code GENRE_L3}, {@code CONTENT_OWNER} and {@code
 *       CONTENT_CLASSIFICATION} categorical strings, {@code PRODUCT_DESCRIPTION} a textual one.
 * </ul>
 *
 * <p>"Reserved categorical string fields must have categorical set to true, while reserved string
 * fields can't be categorical." A reserved field may be nullable; a required one may not. The guide
 * writes {@code float} where a {@code double} holds the same values, so both are taken.
 */
public final class DomainSchemaRules {
  private static final Set<FieldType> FLOAT = EnumSet.of(FieldType.FLOAT, FieldType.DOUBLE);

  /** How a field of the domain's list must be declared. */
  private enum Kind {
    CATEGORICAL("a categorical string"),
    TEXTUAL("a textual string"),
    DECIMAL("a float"),
    LONG("a long"),
    STRING("a string, not categorical");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    boolean fits(SchemaField field) {
      return switch (this) {
        case CATEGORICAL -> field.type() == FieldType.STRING && field.categorical();
        case TEXTUAL -> field.type() == FieldType.STRING && field.textual();
        case DECIMAL -> FLOAT.contains(field.type());
        case LONG -> field.type() == FieldType.LONG;
        case STRING -> field.type() == FieldType.STRING && !field.categorical() && !field.textual();
      };
    }
  }

  private record Field(String name, Kind kind, boolean required) {}

  private static final List<Field> INTERACTIONS = List.of(new Field("EVENT_TYPE", Kind.STRING, true));

  private static final Map<Domain, List<Field>> ITEMS =
      Map.of(
          Domain.ECOMMERCE,
          List.of(
              new Field("PRICE", Kind.DECIMAL, true),
              new Field("CATEGORY_L1", Kind.CATEGORICAL, true),
              new Field("CATEGORY_L2", Kind.CATEGORICAL, false),
              new Field("CATEGORY_L3", Kind.CATEGORICAL, false),
              new Field("PRODUCT_DESCRIPTION", Kind.TEXTUAL, false),
              new Field("CREATION_TIMESTAMP", Kind.LONG, false),
              new Field("AGE_GROUP", Kind.CATEGORICAL, false),
              new Field("ADULT", Kind.CATEGORICAL, false),
              new Field("GENDER", Kind.CATEGORICAL, false)),
          Domain.VIDEO_ON_DEMAND,
          List.of(
              new Field("GENRES", Kind.CATEGORICAL, true),
              new Field("CREATION_TIMESTAMP", Kind.LONG, true),
              new Field("PRICE", Kind.DECIMAL, false),
              new Field("DURATION", Kind.DECIMAL, false),
              new Field("GENRE_L2", Kind.CATEGORICAL, false),
              new Field("GENRE_L3", Kind.CATEGORICAL, false),
              new Field("AVERAGE_RATING", Kind.DECIMAL, false),
              new Field("PRODUCT_DESCRIPTION", Kind.TEXTUAL, false),
              new Field("CONTENT_OWNER", Kind.CATEGORICAL, false),
              new Field("CONTENT_CLASSIFICATION", Kind.CATEGORICAL, false)));

  private static final Map<Domain, List<Field>> USERS =
      Map.of(Domain.ECOMMERCE, List.of(), Domain.VIDEO_ON_DEMAND, List.of(new Field("SUBSCRIPTION_MODEL", Kind.CATEGORICAL, false)));

  private DomainSchemaRules() {}

  /**
   * The dataset type a domain schema is for, read from its id fields as CreateSchema must (it names
   * a domain but no dataset type): both ids make Interactions, ITEM_ID alone Items, USER_ID alone
   * Users.
   *
   * @throws SchemaException when the schema has neither id field
   */
  public static DatasetType typeOf(DatasetSchema schema) {
    boolean user = schema.has("USER_ID");
    boolean item = schema.has("ITEM_ID");
    if (user && item) {
      return DatasetType.INTERACTIONS;
    }
    if (item) {
      return DatasetType.ITEMS;
    }
    if (user) {
      return DatasetType.USERS;
    }
    throw new SchemaException("A schema needs USER_ID (Users), ITEM_ID (Items) or both (Interactions); this one has neither");
  }

  /**
   * Checks a schema against a dataset type in a domain: everything {@link DatasetSchemaRules}
   * checks, then the domain's required and reserved fields.
   *
   * @throws SchemaException naming the domain, the dataset type, the field and what is wrong
   */
  public static void check(DatasetSchema schema, DatasetType type, Domain domain) {
    if (type == DatasetType.ACTIONS || type == DatasetType.ACTION_INTERACTIONS) {
      throw new SchemaException("a Domain dataset group has no " + type.wireName() + " dataset; actions belong to Custom dataset groups (Next-Best-Action)");
    }
    DatasetSchemaRules.check(schema, type);
    String subject = domain + " " + type.wireName() + " schema";
    List<Field> fields =
        switch (type) {
          case INTERACTIONS -> INTERACTIONS;
          case ITEMS -> ITEMS.get(domain);
          case USERS -> USERS.get(domain);
          case ACTIONS, ACTION_INTERACTIONS -> throw new AssertionError(type);
        };
    for (Field f : fields) {
      Optional<SchemaField> declared = schema.field(f.name());
      if (declared.isEmpty()) {
        if (f.required()) {
          throw new SchemaException(subject + " requires field " + f.name() + " (" + f.kind().text + "), but it is missing");
        }
        continue;
      }
      SchemaField field = declared.get();
      if (!f.kind().fits(field)) {
        throw new SchemaException(
            subject + (f.required() ? " requires field " : " reserves field ") + f.name() + " as " + f.kind().text + ", got " + describe(field));
      }
      if (f.required() && field.nullable()) {
        throw new SchemaException(subject + " field " + f.name() + " must not be nullable; remove \"null\" from its type");
      }
    }
    if (type == DatasetType.USERS) {
      checkUserMetadata(schema, subject);
    }
  }

  /** Users: at least one field training can use besides USER_ID, a categorical string or a number. */
  private static void checkUserMetadata(DatasetSchema schema, String subject) {
    boolean usable = schema.fields().stream()
        .anyMatch(f -> !f.name().equals("USER_ID") && (f.type().isNumeric() || (f.type() == FieldType.STRING && f.categorical())));
    if (!usable) {
      String others = schema.fields().stream().map(SchemaField::name).filter(n -> !n.equals("USER_ID")).collect(Collectors.joining(", "));
      throw new SchemaException(
          subject + " needs at least 1 metadata field that is a categorical string or a number besides USER_ID, got "
              + (others.isEmpty() ? "none" : "only " + others));
    }
  }

  private static String describe(SchemaField field) {
    String type = field.type().avroName();
    if (field.categorical()) {
      return "a categorical " + type;
    }
    if (field.textual()) {
      return "a textual " + type;
    }
    return "a " + (field.type() == FieldType.STRING ? "plain string" : type);
  }
}
