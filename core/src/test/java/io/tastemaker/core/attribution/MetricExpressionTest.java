package io.tastemaker.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricExpressionTest {
  @Test
  void samplecount_and_sums_of_either_dataset_are_read() {
    assertThat(MetricExpression.parse("SAMPLECOUNT()", "m").isCount()).isTrue();
    assertThat(MetricExpression.parse("SUM(Items.PRICE)", "m")).isEqualTo(new MetricExpression(Optional.of("Items"), Optional.of("PRICE")));
    assertThat(MetricExpression.parse(" sum( interactions.EVENT_VALUE ) ", "m")).isEqualTo(new MetricExpression(Optional.of("Interactions"), Optional.of("EVENT_VALUE")));
  }

  @Test
  void anything_else_is_refused_naming_the_member_and_the_value() {
    assertThatThrownBy(() -> MetricExpression.parse("AVG(Items.PRICE)", "metrics[1].expression"))
        .hasMessage("metrics[1].expression must be SAMPLECOUNT() or SUM(DATASET.COLUMN) with DATASET Interactions or Items, such as SUM(Items.PRICE); got AVG(Items.PRICE)");
    assertThatThrownBy(() -> MetricExpression.parse("SUM(Users.AGE)", "m")).hasMessageContaining("got SUM(Users.AGE)");
  }

  @Test
  void a_sum_needs_a_numeric_field_of_the_schema() {
    DatasetSchema items =
        AvroSchemaParser.parse(
            "{\"type\":\"record\",\"name\":\"Items\",\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
                + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},{\"name\":\"GENRES\",\"type\":[\"null\",\"string\"],\"categorical\":true},"
                + "{\"name\":\"PRICE\",\"type\":[\"null\",\"float\"]}],\"version\":\"1.0\"}");
    assertThat(MetricExpression.parse("SUM(Items.price)", "m").field(items, "m").name()).isEqualTo("PRICE");
    assertThatThrownBy(() -> MetricExpression.parse("SUM(Items.GENRES)", "metrics[0].expression").field(items, "metrics[0].expression"))
        .hasMessage("metrics[0].expression sums Items.GENRES, but the Items schema has no numeric field GENRES (it is string)");
  }
}
