package io.tastemaker.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageTokenTest {
  @Test
  void a_token_decodes_to_its_position() {
    PageToken.Position position = new PageToken.Position(1_700_000_000_123L, "arn:aws:personalize:us-east-1:0:schema/s");
    String token = PageToken.encode("SCHEMA|", position);
    assertThat(PageToken.decode("SCHEMA|", token)).contains(position);
    assertThat(token).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void a_token_of_another_list_is_refused() {
    String token = PageToken.encode("DATASET|group-a", new PageToken.Position(1, "arn"));
    assertThat(PageToken.decode("DATASET|group-b", token)).isEmpty();
  }

  @Test
  void garbage_is_refused() {
    assertThat(PageToken.decode("SCHEMA|", "garbage")).isEmpty();
    assertThat(PageToken.decode("SCHEMA|", "%%%")).isEmpty();
    assertThat(PageToken.decode("SCHEMA|", "")).isEmpty();
  }
}
