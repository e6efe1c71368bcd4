package io.tastemaker.core.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void ids_have_at_least_four_digits_and_one_width() {
    assertThat(Ids.numbered("user", 3)).containsExactly("user-0001", "user-0002", "user-0003");
    String[] many = Ids.numbered("item", 12_345);
    assertThat(many[0]).isEqualTo("item-00001");
    assertThat(many[12_344]).isEqualTo("item-12345");
  }
}
