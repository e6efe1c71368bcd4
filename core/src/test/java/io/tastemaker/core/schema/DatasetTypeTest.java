package io.tastemaker.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetTypeTest {

  @Test
  void parse_ignores_case() {
    assertThat(DatasetType.parse("Interactions")).isEqualTo(DatasetType.INTERACTIONS);
    assertThat(DatasetType.parse("items")).isEqualTo(DatasetType.ITEMS);
    assertThat(DatasetType.parse("USERS")).isEqualTo(DatasetType.USERS);
    assertThat(DatasetType.parse("iNtErAcTiOnS")).isEqualTo(DatasetType.INTERACTIONS);
    assertThat(DatasetType.parse("Actions")).isEqualTo(DatasetType.ACTIONS);
    assertThat(DatasetType.parse("Action_Interactions")).isEqualTo(DatasetType.ACTION_INTERACTIONS);
  }

  @Test
  void every_wire_name_parses_back_to_its_type() {
    for (DatasetType type : DatasetType.values()) {
      assertThat(DatasetType.parse(type.wireName())).isEqualTo(type);
    }
  }

  @Test
  void unknown_type_is_rejected_naming_the_value_and_the_allowed_values() {
    assertThatThrownBy(() -> DatasetType.parse("Action"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Action'")
        .hasMessageContaining("Interactions, Items, Users");
  }

  @Test
  void empty_and_padded_values_are_rejected() {
    assertThatThrownBy(() -> DatasetType.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got ''");
    assertThatThrownBy(() -> DatasetType.parse(" Users"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("' Users'");
  }

  @Test
  void non_ascii_letters_that_fold_to_a_type_name_are_rejected() {
    // U+0131 (dotless i) upper-cases to I, so a plain equalsIgnoreCase would accept it.
    assertThatThrownBy(() -> DatasetType.parse("\u0131tems"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void arn_suffix_is_the_upper_case_name() {
    assertThat(DatasetType.INTERACTIONS.arnSuffix()).isEqualTo("INTERACTIONS");
    assertThat(DatasetType.ITEMS.arnSuffix()).isEqualTo("ITEMS");
    assertThat(DatasetType.USERS.arnSuffix()).isEqualTo("USERS");
  }

  @Test
  void wire_name_is_capitalised() {
    assertThat(DatasetType.INTERACTIONS.wireName()).isEqualTo("Interactions");
    assertThat(DatasetType.ITEMS.wireName()).isEqualTo("Items");
    assertThat(DatasetType.USERS.wireName()).isEqualTo("Users");
  }
}
