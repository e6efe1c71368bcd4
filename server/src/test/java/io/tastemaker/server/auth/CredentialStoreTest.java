package io.tastemaker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("credentials"), content, StandardCharsets.UTF_8);
  }

  @Test
  void a_file_with_comments_and_blank_lines_yields_its_key_pairs() throws IOException {
    Path file =
        file(
            "# access keys for the test rig\n"
                + "\n"
                + "AKIDEXAMPLE   wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n"
                + "   \t\n"
                + "  test\ttest   # the LocalStack convention\n");

    CredentialStore store = CredentialStore.load(file);

    assertThat(store.isEmpty()).isFalse();
    assertThat(store.secretFor("AKIDEXAMPLE")).contains("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    assertThat(store.secretFor("test")).contains("test");
    assertThat(store.secretFor("#")).isEmpty();
    assertThat(store.secretFor("unknown")).isEmpty();
  }

  @Test
  void a_hash_inside_a_field_is_part_of_the_field() throws IOException {
    CredentialStore store = CredentialStore.load(file("AKID se#cret\n"));

    assertThat(store.secretFor("AKID")).contains("se#cret");
  }

  @Test
  void a_file_of_comments_only_is_an_empty_store() throws IOException {
    assertThat(CredentialStore.load(file("# nobody yet\n\n")).isEmpty()).isTrue();
  }

  @Test
  void a_malformed_line_is_reported_with_file_and_line_number_but_not_the_secret()
      throws IOException {
    Path file = file("# header\nAKID1 secret-one\nAKID2 secret-two extra\n");

    assertThatThrownBy(() -> CredentialStore.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file + ":3:")
        .hasMessageContaining("found 3 fields")
        .hasMessageNotContaining("secret-two");
  }

  @Test
  void a_line_with_only_a_key_id_is_malformed() throws IOException {
    Path file = file("AKID1\n");

    assertThatThrownBy(() -> CredentialStore.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file + ":1:")
        .hasMessageContaining("found 1 fields");
  }

  @Test
  void a_duplicate_key_id_is_reported_with_both_line_numbers_but_not_the_secrets()
      throws IOException {
    Path file = file("AKID1 first-secret\n\nAKID1 second-secret\n");

    assertThatThrownBy(() -> CredentialStore.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file + ":3:")
        .hasMessageContaining("duplicate access key id AKID1 (first on line 1)")
        .hasMessageNotContaining("first-secret")
        .hasMessageNotContaining("second-secret");
  }

  @Test
  void a_key_id_with_a_slash_is_rejected_because_it_could_never_sign() throws IOException {
    Path file = file("AK/ID secret\n");

    assertThatThrownBy(() -> CredentialStore.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file + ":1:")
        .hasMessageContaining("'AK/ID'")
        .hasMessageNotContaining("secret'");
  }

  @Test
  void a_store_built_from_a_map_answers_for_its_keys_only() {
    CredentialStore store = CredentialStore.of(Map.of("AKID", "secret"));

    assertThat(store.secretFor("AKID")).contains("secret");
    assertThat(store.secretFor("akid")).isEmpty();
    assertThat(CredentialStore.of(Map.of()).isEmpty()).isTrue();
  }

  @Test
  void a_map_with_an_empty_secret_is_rejected() {
    assertThatThrownBy(() -> CredentialStore.of(Map.of("AKID", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AKID");
  }

  @Test
  void the_string_form_does_not_reveal_secrets() {
    assertThat(CredentialStore.of(Map.of("AKID", "secret")).toString())
        .isEqualTo("CredentialStore[1 access keys]");
  }
}
