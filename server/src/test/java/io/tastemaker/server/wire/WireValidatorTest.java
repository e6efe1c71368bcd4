package io.tastemaker.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.http.RequestParts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireValidatorTest {
  private static final WireModel MODEL =
      WireModel.parse(
          List.of(
              "service control awsJson1_1",
              "op Create CreateRequest errors=InvalidInputException|InvalidNextTokenException",
              "shape CreateRequest structure name*=Name count=Count tags=Tags config=Config props=Props!json mode=Mode"
                  + " tps=Tps big=Big value=Value weight=Weight sentAt=When campaignArn=Arn recipeList=ArnList resourceArn=Arn"
                  + " solutionVersionArn=Arn nextToken=Token",
              "shape Tps integer min=1",
              "shape Big long",
              "shape Value float",
              "shape Weight double min=0 max=1",
              "shape When timestamp",
              "shape Arn string max=256 pattern=arn:([a-z\\d-]+):personalize:.*:.*:.+",
              "shape ArnList list member=Arn max=100",
              "shape Token string max=10",
              "shape Name string min=1 max=5 pattern=^[a-z][a-z0-9]*",
              "shape Count integer min=1 max=100",
              "shape Tags list member=Name max=2",
              "shape Config map key=Name value=Name max=1",
              "shape Props string min=1 max=50",
              "shape Mode string enum=FULL|INCREMENTAL"));
  private static final WireValidator VALIDATOR = new WireValidator(MODEL);
  private static final OperationSpec CREATE = MODEL.controlOperation("Create").orElseThrow();

  /** Validates a body read as the server reads requests. */
  private static void validate(String json) {
    VALIDATOR.validate(CREATE, RequestParts.json(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static ApiException failureOf(String json) {
    try {
      validate(json);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected a validation error for " + json);
  }

  private static String errorOf(String json) {
    ApiException e = failureOf(json);
    assertThat(e.type()).isEqualTo(ErrorType.INVALID_INPUT);
    return e.getMessage();
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
  void a_string_with_a_nul_character_is_refused_naming_the_member() {
    assertThat(errorOf("{\"name\":\"a\",\"props\":\"{\\\"a\\\":1}\\u0000\"}"))
        .contains("at 'props' failed to satisfy constraint: Member must not contain the character U+0000 (NUL)");
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
    assertThatThrownBy(() -> WireModel.parse(List.of("service control awsJson1_1", "op X XRequest errors=InvalidInputException")))
        .hasMessageContaining("undefined shapes [control:XRequest]");
  }

  @Test
  void integers_must_fit_32_bits_and_say_the_whole_range() {
    for (String tps : List.of("9223372036854775807", "2147483648", "4294967301", "123000000000000000000000", "-9223372036854775809")) {
      assertThat(errorOf("{\"name\":\"a\",\"tps\":" + tps + "}"))
          .isEqualTo("1 validation error detected: Value " + tps + " at 'tps' failed to satisfy constraint: Member must be an integer between 1 and 2147483647");
    }
    assertThatCode(() -> validate("{\"name\":\"a\",\"tps\":2147483647}")).doesNotThrowAnyException();
  }

  @Test
  void longs_must_fit_64_bits() {
    assertThatCode(() -> validate("{\"name\":\"a\",\"big\":-9223372036854775808}")).doesNotThrowAnyException();
    assertThat(errorOf("{\"name\":\"a\",\"big\":9223372036854775808}"))
        .contains("Value 9223372036854775808 at 'big'").contains("Member must be an integer between -9223372036854775808 and 9223372036854775807");
  }

  @Test
  void integers_are_written_as_whole_json_numbers() {
    for (String odd : List.of("1.5", "1e400", "1.0", "\"5\"", "true", "\"NaN\"")) {
      assertThat(errorOf("{\"name\":\"a\",\"tps\":" + odd + "}")).as(odd).contains("at 'tps'").contains("Member must be an integer between 1 and 2147483647");
    }
    assertThat(errorOf("{\"name\":\"a\",\"tps\":1e400}")).contains("Value 1E+400 at 'tps'");
  }

  @Test
  void floats_must_be_finite_and_fit_32_bits() {
    assertThatCode(() -> validate("{\"name\":\"a\",\"value\":3.4028235e38}")).doesNotThrowAnyException();
    assertThatCode(() -> validate("{\"name\":\"a\",\"value\":-12.5}")).doesNotThrowAnyException();
    assertThat(errorOf("{\"name\":\"a\",\"value\":1e100}"))
        .isEqualTo("1 validation error detected: Value 1E+100 at 'value' failed to satisfy constraint:"
            + " Member must be a finite number between -3.4028235E38 and 3.4028235E38");
    assertThat(errorOf("{\"name\":\"a\",\"value\":-1e39}")).contains("Value -1E+39 at 'value'");
  }

  @Test
  void botocores_strings_for_nan_and_infinities_parse_but_are_not_finite() {
    for (String special : List.of("NaN", "Infinity", "-Infinity")) {
      assertThat(errorOf("{\"name\":\"a\",\"value\":\"" + special + "\"}")).contains("Value '" + special + "' at 'value'").contains("Member must be a finite number");
      assertThat(errorOf("{\"name\":\"a\",\"weight\":\"" + special + "\"}")).contains("Member must be a finite number between 0 and 1");
    }
    assertThat(errorOf("{\"name\":\"a\",\"value\":\"1.5\"}")).contains("Value '1.5' at 'value'").contains("Member must be a finite number");
  }

  @Test
  void doubles_keep_their_model_range() {
    assertThat(errorOf("{\"name\":\"a\",\"weight\":1.5}")).contains("Member must have value less than or equal to 1");
    assertThat(errorOf("{\"name\":\"a\",\"weight\":1e400}")).contains("Value 1E+400 at 'weight'").contains("Member must be a finite number between 0 and 1");
  }

  @Test
  void timestamps_are_epoch_seconds_from_1970_to_the_end_of_year_9999() {
    for (String ok : List.of("0", "1700000000", "1700000000.123", "253402300799.999")) {
      assertThatCode(() -> validate("{\"name\":\"a\",\"sentAt\":" + ok + "}")).as(ok).doesNotThrowAnyException();
    }
    for (String bad : List.of("-1", "-0.5", "1e100", "1e400", "253402300800", "\"1700000000\"", "\"2023-11-14T22:13:20Z\"")) {
      assertThat(errorOf("{\"name\":\"a\",\"sentAt\":" + bad + "}")).as(bad)
          .contains("at 'sentAt' failed to satisfy constraint: Member must be a timestamp in epoch seconds between 0 (1970-01-01T00:00:00Z)"
              + " and 253402300799 (9999-12-31T23:59:59Z)")
          .doesNotContain("milliseconds");
    }
  }

  @Test
  void a_timestamp_in_milliseconds_is_named_as_such() {
    assertThat(errorOf("{\"name\":\"a\",\"sentAt\":1700000000000}")).endsWith("(1700000000000 looks like milliseconds)");
  }

  @Test
  void an_arn_of_another_kind_is_refused_naming_the_member_and_the_kind() {
    String group = "arn:aws:personalize:us-east-1:000000000000:dataset-group/g";
    assertThat(errorOf("{\"name\":\"a\",\"campaignArn\":\"" + group + "\"}"))
        .isEqualTo("1 validation error detected: Value '" + group + "' at 'campaignArn' failed to satisfy constraint: Member must be the ARN of a campaign");
    assertThat(errorOf("{\"name\":\"a\",\"recipeList\":[\"arn:aws:personalize:::recipe/aws-hrnn\",\"arn:aws:personalize:::algorithm/aws-hrnn\"]}"))
        .contains("at 'recipeList.2.member'").contains("Member must be the ARN of a recipe");
    assertThat(errorOf("{\"name\":\"a\",\"resourceArn\":\"arn:aws:personalize:us-east-1:000000000000:schema/s\"}"))
        .contains("at 'resourceArn'").contains("Member must be the ARN of one of [");
    assertThatCode(() -> validate("{\"name\":\"a\",\"campaignArn\":\"arn:aws:personalize:us-east-1:000000000000:campaign/c\","
        + "\"resourceArn\":\"arn:aws:personalize:us-east-1:000000000000:solution/s/0a1b2c3d\"}")).doesNotThrowAnyException();
  }

  @Test
  void a_solution_arn_is_not_a_solution_version_arn_nor_the_other_way_round() {
    assertThat(errorOf("{\"name\":\"a\",\"solutionVersionArn\":\"arn:aws:personalize:us-east-1:000000000000:solution/s\"}"))
        .contains("Member must be the ARN of a solution version");
    assertThatCode(() -> validate("{\"name\":\"a\",\"solutionVersionArn\":\"arn:aws:personalize:us-east-1:000000000000:solution/s/0a1b2c3d\"}"))
        .doesNotThrowAnyException();
  }

  @Test
  void a_bad_next_token_alone_is_an_invalid_next_token_error() {
    ApiException token = failureOf("{\"name\":\"a\",\"nextToken\":\"far-too-long-token\"}");
    assertThat(token.type()).isEqualTo(ErrorType.INVALID_NEXT_TOKEN);
    assertThat(token.getMessage()).contains("at 'nextToken'");
    assertThat(failureOf("{\"name\":\"a\",\"tps\":0,\"nextToken\":\"far-too-long-token\"}").type()).isEqualTo(ErrorType.INVALID_INPUT);
  }
}
