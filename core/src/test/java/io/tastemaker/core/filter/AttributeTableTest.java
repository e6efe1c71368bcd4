package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.data.BooleanColumn;
import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.StringColumn;
import io.tastemaker.core.schema.DatasetType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributeTableTest {

  private static StringColumn strings(String name, String... values) {
    StringColumn.Builder b = new StringColumn.Builder(name);
    for (String v : values) {
      if (v == null) {
        b.appendNull();
      } else {
        b.append(v);
      }
    }
    return b.build();
  }

  private static Segment first() {
    LongColumn.Builder year = new LongColumn.Builder("YEAR");
    year.append(1995);
    year.appendNull();
    year.append(2001);
    DoubleColumn.Builder price = new DoubleColumn.Builder("PRICE");
    price.append(9.5);
    price.append(20);
    price.appendNull();
    BooleanColumn.Builder sale = new BooleanColumn.Builder("ON_SALE");
    sale.append(true);
    sale.append(false);
    sale.appendNull();
    return new Segment(DatasetType.ITEMS, 3, List.of(
        strings("ITEM_ID", "i1", "i2", "i3"),
        strings("GENRES", "Comedy|Drama", "Drama", "|"),
        year.build(), price.build(), sale.build()));
  }

  private static Segment second() {
    return new Segment(DatasetType.ITEMS, 2, List.of(
        strings("ITEM_ID", "i2", "i4"),
        strings("GENRES", "Horror||Action|", null)));
  }

  private static AttributeValue text(String... values) {
    return new AttributeValue.Text(Set.of(values));
  }

  @Test
  void every_non_id_column_becomes_an_attribute() {
    AttributeTable table = AttributeTable.fromSegments(List.of(first()), "ITEM_ID");

    AttributeRecord i1 = table.get("i1").orElseThrow();
    assertThat(i1.values()).isEqualTo(Map.of(
        "GENRES", text("Comedy", "Drama"),
        "YEAR", new AttributeValue.Numeric(1995),
        "PRICE", new AttributeValue.Numeric(9.5),
        "ON_SALE", text("true")));
    assertThat(table.get("i2").orElseThrow().values()).isEqualTo(Map.of(
        "GENRES", text("Drama"), "PRICE", new AttributeValue.Numeric(20), "ON_SALE", text("false")));
    assertThat(table.size()).isEqualTo(3);
    assertThat(table.idField()).isEqualTo("ITEM_ID");
  }

  @Test
  void nulls_and_values_without_a_non_empty_part_are_absent() {
    AttributeTable table = AttributeTable.fromSegments(List.of(first()), "ITEM_ID");

    AttributeRecord i3 = table.get("i3").orElseThrow();
    assertThat(i3.values()).isEqualTo(Map.of("YEAR", new AttributeValue.Numeric(2001)));
    assertThat(i3.value("GENRES")).isEmpty();
  }

  @Test
  void a_later_segment_replaces_the_whole_record_of_an_id() {
    AttributeTable table = AttributeTable.fromSegments(List.of(first(), second()), "ITEM_ID");

    assertThat(table.get("i2").orElseThrow().values()).isEqualTo(Map.of("GENRES", text("Horror", "Action")));
    assertThat(table.get("i4").orElseThrow().values()).isEmpty();
    assertThat(table.get("i1")).isPresent();
    assertThat(table.get("nobody")).isEmpty();
    assertThat(table.size()).isEqualTo(4);
  }

  @Test
  void records_are_upserted_into_a_new_table_with_a_higher_version() {
    AttributeTable before = AttributeTable.fromSegments(List.of(first()), "ITEM_ID");
    Map<String, Object> i1 = new HashMap<>();
    i1.put("ITEM_ID", "i1");
    i1.put("GENRES", "Western");
    i1.put("PRICE", 3);
    i1.put("YEAR", null);

    AttributeTable after = before.withRecords(List.of(i1, Map.of("ITEM_ID", "i9", "ON_SALE", true)));

    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.get("i1").orElseThrow().values())
        .isEqualTo(Map.of("GENRES", text("Western"), "PRICE", new AttributeValue.Numeric(3)));
    assertThat(after.get("i9").orElseThrow().values()).isEqualTo(Map.of("ON_SALE", text("true")));
    assertThat(after.size()).isEqualTo(4);
    assertThat(before.get("i1").orElseThrow().value("GENRES")).contains(text("Comedy", "Drama"));
    assertThat(before.get("i9")).isEmpty();
  }

  @Test
  void a_bad_record_applies_nothing_of_its_batch() {
    AttributeTable table = AttributeTable.empty("ITEM_ID");

    assertThatThrownBy(() -> table.withRecords(List.of(Map.of("ITEM_ID", "i1"), Map.of("ITEM_ID", "i2", "TAGS", List.of("a")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field TAGS must be a string, number, boolean or null, got [a]");
    assertThatThrownBy(() -> table.withRecords(List.of(Map.of("GENRES", "x"))))
        .hasMessage("a record needs a non-empty string ITEM_ID, got null");
    assertThat(table.size()).isZero();
    assertThat(table.version()).isZero();
  }

  @Test
  void many_single_upserts_survive_the_overlay_being_folded_into_the_base() {
    AttributeTable table = AttributeTable.empty("ITEM_ID");
    List<AttributeTable> versions = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      table = table.withRecords(List.of(Map.of("ITEM_ID", "i" + (i % 700), "N", i)));
      versions.add(table);
    }

    assertThat(table.size()).isEqualTo(700);
    assertThat(table.version()).isEqualTo(1000);
    assertThat(table.get("i5").flatMap(r -> r.value("N"))).contains(new AttributeValue.Numeric(705));
    assertThat(table.get("i699").flatMap(r -> r.value("N"))).contains(new AttributeValue.Numeric(699));
    assertThat(versions.get(299).get("i5").flatMap(r -> r.value("N"))).contains(new AttributeValue.Numeric(5));
    assertThat(versions.get(299).get("i300")).isEmpty();
  }

  @Test
  void strings_split_on_bars_and_drop_empty_parts() {
    assertThat(AttributeValue.text("a||b|")).contains(text("a", "b"));
    assertThat(AttributeValue.text("|")).isEmpty();
    assertThat(AttributeValue.text("")).isEmpty();
    assertThat(AttributeValue.of("F", 2L)).contains(new AttributeValue.Numeric(2));
    assertThat(AttributeValue.of("F", null)).isEqualTo(Optional.empty());
    assertThat(new AttributeValue.Numeric(-0.0)).isEqualTo(new AttributeValue.Numeric(0.0));
  }
}
