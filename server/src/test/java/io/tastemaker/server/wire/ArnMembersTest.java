package io.tastemaker.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArnMembersTest {
  private static final String PREFIX = "arn:aws:personalize:us-east-1:000000000000:";

  @Test
  void the_kind_is_the_resource_type_and_a_second_slash_makes_a_solution_a_version() {
    assertThat(ArnMembers.kindOf(PREFIX + "dataset-group/g")).contains("dataset-group");
    assertThat(ArnMembers.kindOf(PREFIX + "dataset/g/INTERACTIONS")).contains("dataset");
    assertThat(ArnMembers.kindOf(PREFIX + "solution/s")).contains("solution");
    assertThat(ArnMembers.kindOf(PREFIX + "solution/s/0a1b2c3d")).contains("solution version");
    assertThat(ArnMembers.kindOf("arn:aws:personalize:::recipe/aws-hrnn")).contains("recipe");
  }

  @Test
  void an_arn_without_a_resource_type_and_name_has_no_kind() {
    assertThat(ArnMembers.kindOf(PREFIX + "campaign")).isEmpty();
    assertThat(ArnMembers.kindOf(PREFIX + "campaign/")).isEmpty();
    assertThat(ArnMembers.kindOf(PREFIX + "/c")).isEmpty();
    assertThat(ArnMembers.kindOf("arn:aws:personalize")).isEmpty();
  }

  @Test
  void members_take_their_kind_and_unknown_members_take_any() {
    assertThat(ArnMembers.fits("campaignArn", PREFIX + "campaign/c")).isTrue();
    assertThat(ArnMembers.fits("campaignArn", PREFIX + "campaign")).isFalse();
    assertThat(ArnMembers.fits("filterArn", PREFIX + "campaign/c")).isFalse();
    assertThat(ArnMembers.fits("datasetArn", PREFIX + "dataset/g/ITEMS")).isTrue();
    assertThat(ArnMembers.fits("resourceArn", PREFIX + "schema/s")).isFalse();
    assertThat(ArnMembers.fits("resourceArn", PREFIX + "filter/f")).isTrue();
    assertThat(ArnMembers.fits("roleArn", "arn:aws:iam::000000000000:role/r")).isTrue();
  }
}
