package io.tastemaker.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireValidatorTest {
  private static final WireModel MODEL =
      WireModel.parse(
          List.of(
              "service control awsJson1_1",
              "op Create CreateRequest",
              "shape CreateRequest structure name*=Name count=Count tags=Tags config=Config props=Props!json mode=Mode",
              "shape Name string min=1 max=5 pattern=^[a-z][a-z0-9]*",
              "shape Count integer min=1 max=100",
              "shape Tags list member=Name max=2",
              "shape Config map key=Name value=Name max=1",
              "shape Props string min=1 max=50",
              "shape Mode string enum=FULL|INCREMENTAL"));
  private static final WireValidator VALIDATOR = new WireValidator(MODEL);
  private static final OperationSpec CREATE = MODEL.controlOperation("Create").orElseThrow();

  private static void validate(String json) throws Exception {
    JsonNode body = new ObjectMapper().readTree(json);
    VALIDATOR.validate(CREATE, body);
  }

  private static String errorOf(String json) {
    try {
      validate(json);
    } catch (ApiException e) {
      assertThat(e.type()).isEqualTo(ErrorType.INVALID_INPUT);
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a validation error for " + json);
  }

  @Test
  void a_valid_request_passes() {
    assertThatCode(() -> validate("{\"name\":\"abc\",\"count\":100,\"tags\":[\"a\",\"b\"],\"config\":{\"k\":\"v\"},\"props\":\"{\\\"a\\\":1}\",\"mode\":\"FULL\"}"))
        .doesNotThrowAnyException();
  }

  @Test
  void a_missing_required_member_is_named() {
    assertThat(errorOf("{}"))
        .isEqualTo("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
  }

  @Test
  void a_too_long_string_names_the_member_the_value_and_the_bound() {
    assertThat(errorOf("{\"name\":\"abcdef\"}"))
        .contains("Value 'abcdef' at 'name'")
        .contains("Member must have length less than or equal to 5");
  }

  @Test
  void patterns_must_match_the_whole_value() {
    assertThat(errorOf("{\"name\":\"ab!\"}")).contains("Member must satisfy regular expression pattern: ^[a-z][a-z0-9]*");
  }

  @Test
  void numbers_are_range_checked() {
    assertThat(errorOf("{\"name\":\"a\",\"count\":0}")).contains("Value 0 at 'count'").contains("greater than or equal to 1");
    assertThat(errorOf("{\"name\":\"a\",\"count\":101}")).contains("less than or equal to 100");
  }

  @Test
  void wrong_types_are_invalid_input_not_server_errors() {
    assertThat(errorOf("{\"name\":7}")).contains("Value 7 at 'name'").contains("Member must be a string");
    assertThat(errorOf("{\"name\":\"a\",\"count\":\"7\"}")).contains("Member must be an integer");
    assertThat(errorOf("{\"name\":\"a\",\"count\":1.5}")).contains("Member must be an integer");
    assertThat(errorOf("{\"name\":\"a\",\"tags\":\"x\"}")).contains("Member must be a list");
  }

  @Test
  void list_sizes_and_elements_are_checked_with_their_position() {
    assertThat(errorOf("{\"name\":\"a\",\"tags\":[\"a\",\"b\",\"c\"]}")).contains("Member must have length less than or equal to 2");
    assertThat(errorOf("{\"name\":\"a\",\"tags\":[\"a\",\"B\"]}")).contains("Value 'B' at 'tags.2.member'");
  }

  @Test
  void map_keys_values_and_sizes_are_checked() {
    assertThat(errorOf("{\"name\":\"a\",\"config\":{\"k\":\"v\",\"l\":\"w\"}}")).contains("at 'config'");
    assertThat(errorOf("{\"name\":\"a\",\"config\":{\"K\":\"v\"}}")).contains("Value 'K' at 'config key'");
  }

  @Test
  void enums_list_their_values() {
    assertThat(errorOf("{\"name\":\"a\",\"mode\":\"full\"}")).contains("Member must satisfy enum value set: [FULL, INCREMENTAL]");
  }

  @Test
  void json_inside_a_string_must_parse() {
    assertThat(errorOf("{\"name\":\"a\",\"props\":\"{not json\"}")).contains("at 'props'").contains("Member must be a JSON document");
  }

  @Test
  void every_violation_is_reported_at_once() {
    assertThat(errorOf("{\"name\":\"ABCDEFG\",\"count\":0}")).startsWith("3 validation errors detected: ");
  }

  @Test
  void nulls_count_as_absent_for_optional_members() {
    assertThatCode(() -> validate("{\"name\":\"a\",\"count\":null}")).doesNotThrowAnyException();
  }

  @Test
  void a_model_referring_to_an_undefined_shape_is_refused() {
    assertThatThrownBy(() -> WireModel.parse(List.of("service control awsJson1_1", "op X XRequest")))
        .hasMessageContaining("undefined shapes [control:XRequest]");
  }
}
