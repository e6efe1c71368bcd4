package io.tastemaker.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.schema.SchemaException;
import org.junit.jupiter.api.Test;

class DomainSchemaRulesTest {
  private static DatasetSchema schema(String name, String fields) {
    return AvroSchemaParser.parse(
        "{\"type\": \"record\", \"name\": \"" + name + "\", \"namespace\": \"com.amazonaws.personalize.schema\", \"fields\": [" + fields + "], \"version\": \"1.0\"}");
  }

  private static final String USER = "{\"name\": \"USER_ID\", \"type\": \"string\"}";
  private static final String ITEM = "{\"name\": \"ITEM_ID\", \"type\": \"string\"}";
  private static final String TIME = "{\"name\": \"TIMESTAMP\", \"type\": \"long\"}";
  private static final String EVENT = "{\"name\": \"EVENT_TYPE\", \"type\": \"string\"}";

  // The guide's default domain schemas fit.

  @Test
  void the_default_interactions_schema_fits_both_domains() {
    DatasetSchema interactions = schema("Interactions", String.join(",", USER, ITEM, EVENT, TIME));
    assertThat(DomainSchemaRules.typeOf(interactions)).isEqualTo(DatasetType.INTERACTIONS);
    for (Domain domain : Domain.values()) {
      assertThatCode(() -> DomainSchemaRules.check(interactions, DatasetType.INTERACTIONS, domain)).doesNotThrowAnyException();
    }
  }

  @Test
  void the_default_items_schemas_fit_their_domain_only() {
    DatasetSchema ecommerce = schema("Items", ITEM + ", {\"name\": \"PRICE\", \"type\": \"float\"}, {\"name\": \"CATEGORY_L1\", \"type\": [\"string\"], \"categorical\": true}");
    DatasetSchema vod = schema("Items", ITEM + ", {\"name\": \"GENRES\", \"type\": [\"string\"], \"categorical\": true}, {\"name\": \"CREATION_TIMESTAMP\", \"type\": \"long\"}");
    assertThat(DomainSchemaRules.typeOf(ecommerce)).isEqualTo(DatasetType.ITEMS);
    assertThatCode(() -> DomainSchemaRules.check(ecommerce, DatasetType.ITEMS, Domain.ECOMMERCE)).doesNotThrowAnyException();
    assertThatCode(() -> DomainSchemaRules.check(vod, DatasetType.ITEMS, Domain.VIDEO_ON_DEMAND)).doesNotThrowAnyException();
    assertThatThrownBy(() -> DomainSchemaRules.check(ecommerce, DatasetType.ITEMS, Domain.VIDEO_ON_DEMAND))
        .hasMessage("VIDEO_ON_DEMAND Items schema requires field GENRES (a categorical string), but it is missing");
    assertThatThrownBy(() -> DomainSchemaRules.check(vod, DatasetType.ITEMS, Domain.ECOMMERCE))
        .hasMessage("ECOMMERCE Items schema requires field PRICE (a float), but it is missing");
  }

  @Test
  void the_default_users_schemas_fit() {
    DatasetSchema users = schema("Users", USER + ", {\"name\": \"SUBSCRIPTION_MODEL\", \"type\": \"string\", \"categorical\": true}");
    assertThat(DomainSchemaRules.typeOf(users)).isEqualTo(DatasetType.USERS);
    assertThatCode(() -> DomainSchemaRules.check(users, DatasetType.USERS, Domain.VIDEO_ON_DEMAND)).doesNotThrowAnyException();
    assertThatCode(() -> DomainSchemaRules.check(users, DatasetType.USERS, Domain.ECOMMERCE)).doesNotThrowAnyException();
  }

  // What each domain refuses.

  @Test
  void interactions_need_an_event_type_in_a_domain() {
    DatasetSchema noEvents = schema("Interactions", String.join(",", USER, ITEM, TIME));
    assertThatThrownBy(() -> DomainSchemaRules.check(noEvents, DatasetType.INTERACTIONS, Domain.ECOMMERCE))
        .isInstanceOf(SchemaException.class)
        .hasMessage("ECOMMERCE Interactions schema requires field EVENT_TYPE (a string, not categorical), but it is missing");
    DatasetSchema nullable = schema("Interactions", String.join(",", USER, ITEM, TIME, "{\"name\": \"EVENT_TYPE\", \"type\": [\"null\", \"string\"]}"));
    assertThatThrownBy(() -> DomainSchemaRules.check(nullable, DatasetType.INTERACTIONS, Domain.VIDEO_ON_DEMAND))
        .hasMessage("VIDEO_ON_DEMAND Interactions schema field EVENT_TYPE must not be nullable; remove \"null\" from its type");
  }

  @Test
  void reserved_fields_must_have_their_kind() {
    DatasetSchema plainCategory = schema("Items", ITEM + ", {\"name\": \"PRICE\", \"type\": \"float\"}, {\"name\": \"CATEGORY_L1\", \"type\": \"string\"}");
    assertThatThrownBy(() -> DomainSchemaRules.check(plainCategory, DatasetType.ITEMS, Domain.ECOMMERCE))
        .hasMessage("ECOMMERCE Items schema requires field CATEGORY_L1 as a categorical string, got a plain string");
    DatasetSchema textPrice = schema("Items", ITEM + ", {\"name\": \"PRICE\", \"type\": \"string\"}, {\"name\": \"CATEGORY_L1\", \"type\": \"string\", \"categorical\": true}");
    assertThatThrownBy(() -> DomainSchemaRules.check(textPrice, DatasetType.ITEMS, Domain.ECOMMERCE))
        .hasMessage("ECOMMERCE Items schema requires field PRICE as a float, got a plain string");
    DatasetSchema plainGender = schema("Items", ITEM + ", {\"name\": \"PRICE\", \"type\": \"double\"}, {\"name\": \"CATEGORY_L1\", \"type\": \"string\", \"categorical\": true},"
        + " {\"name\": \"GENDER\", \"type\": [\"null\", \"string\"]}");
    assertThatThrownBy(() -> DomainSchemaRules.check(plainGender, DatasetType.ITEMS, Domain.ECOMMERCE))
        .hasMessage("ECOMMERCE Items schema reserves field GENDER as a categorical string, got a plain string");
    DatasetSchema duration = schema("Items", ITEM + ", {\"name\": \"GENRES\", \"type\": \"string\", \"categorical\": true}, {\"name\": \"CREATION_TIMESTAMP\", \"type\": \"long\"},"
        + " {\"name\": \"DURATION\", \"type\": \"int\"}");
    assertThatThrownBy(() -> DomainSchemaRules.check(duration, DatasetType.ITEMS, Domain.VIDEO_ON_DEMAND))
        .hasMessage("VIDEO_ON_DEMAND Items schema reserves field DURATION as a float, got a int");
  }

  @Test
  void users_need_a_field_training_can_use() {
    DatasetSchema plainOnly = schema("Users", USER + ", {\"name\": \"NICKNAME\", \"type\": \"string\"}");
    assertThatThrownBy(() -> DomainSchemaRules.check(plainOnly, DatasetType.USERS, Domain.ECOMMERCE))
        .hasMessage("ECOMMERCE Users schema needs at least 1 metadata field that is a categorical string or a number besides USER_ID, got only NICKNAME");
    DatasetSchema age = schema("Users", USER + ", {\"name\": \"AGE\", \"type\": \"int\"}");
    assertThatCode(() -> DomainSchemaRules.check(age, DatasetType.USERS, Domain.ECOMMERCE)).doesNotThrowAnyException();
  }

  @Test
  void what_every_schema_must_meet_still_holds() {
    DatasetSchema stringTime = schema("Interactions", String.join(",", USER, ITEM, EVENT, "{\"name\": \"TIMESTAMP\", \"type\": \"string\"}"));
    assertThatThrownBy(() -> DomainSchemaRules.check(stringTime, DatasetType.INTERACTIONS, Domain.ECOMMERCE))
        .hasMessage("Interactions schema requires field TIMESTAMP of type long, got string");
    assertThatThrownBy(() -> DomainSchemaRules.typeOf(schema("Other", "{\"name\": \"X\", \"type\": \"string\"}")))
        .hasMessageContaining("neither");
  }
}
