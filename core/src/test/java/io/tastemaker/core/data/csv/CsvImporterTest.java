package io.tastemaker.core.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.StringColumn;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvImporterTest {
  private static final DatasetSchema INTERACTIONS =
      AvroSchemaParser.parse(
          """
          {"type":"record","name":"Interactions","fields":[
            {"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},
            {"name":"EVENT_TYPE","type":"string"},{"name":"EVENT_VALUE","type":["null","float"]},
            {"name":"TIMESTAMP","type":"long"}]}""");
  private static final DatasetSchema ITEMS =
      AvroSchemaParser.parse(
          """
          {"type":"record","name":"Items","fields":[
            {"name":"ITEM_ID","type":"string"},{"name":"GENRES","type":["null","string"],"categorical":true},
            {"name":"IN_STOCK","type":["null","boolean"]},{"name":"CREATION_TIMESTAMP","type":"long"}]}""");

  private static List<Segment> load(DatasetSchema schema, DatasetType type, String csv, int segmentRows) throws Exception {
    List<Segment> segments = new ArrayList<>();
    new CsvImporter(schema, type, segmentRows).importFile("test.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), segments::add);
    return segments;
  }

  private static String error(DatasetSchema schema, DatasetType type, String csv) {
    try {
      load(schema, type, csv, 1000);
    } catch (ImportException e) {
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected an import error");
  }

  @Test
  void columns_map_by_header_name_in_any_order() throws Exception {
    Segment s =
        load(INTERACTIONS, DatasetType.INTERACTIONS, "TIMESTAMP,ITEM_ID,USER_ID,EVENT_TYPE,EVENT_VALUE\n1586731606,73,35,click,\n1586731607,70,35,buy,4.5\n", 1000).get(0);
    assertThat(s.rows()).isEqualTo(2);
    StringColumn users = s.strings("USER_ID");
    assertThat(users.value(0)).isEqualTo("35");
    assertThat(users.code(0)).isEqualTo(users.code(1));
    assertThat(s.strings("ITEM_ID").value(1)).isEqualTo("70");
    assertThat(s.longs("TIMESTAMP").value(1)).isEqualTo(1_586_731_607L);
    DoubleColumn values = (DoubleColumn) s.column("EVENT_VALUE").orElseThrow();
    assertThat(values.isNull(0)).isTrue();
    assertThat(values.value(1)).isEqualTo(4.5);
  }

  @Test
  void nullable_fields_may_be_left_out_of_the_file() throws Exception {
    Segment s = load(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu,i,1,view\n", 1000).get(0);
    assertThat(s.column("EVENT_VALUE").orElseThrow().isNull(0)).isTrue();
  }

  @Test
  void missing_required_columns_are_listed_as_personalize_lists_them() {
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,EVENT_VALUE\nu,1\n"))
        .isEqualTo("test.csv: Input CSV is missing the following columns:[ITEM_ID, EVENT_TYPE, TIMESTAMP]");
  }

  @Test
  void an_unknown_column_is_refused() {
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,COLOUR\nu,i,1,v,red\n"))
        .contains("test.csv line 1: the column 'COLOUR' is not in the schema");
  }

  @Test
  void a_file_that_is_no_csv_of_the_schema_is_refused_without_quoting_it() {
    String environ = "PATH=/usr/bin\u0000AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\u0000HOME=/root\u0000";
    String passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
    String secrets = "password,token\nhunter2,abc123\n";
    for (String file : List.of(environ, passwd, secrets)) {
      String message = error(INTERACTIONS, DatasetType.INTERACTIONS, file);
      assertThat(message).as(file).startsWith("test.csv: the first line is not a CSV header of this dataset's schema: ")
          .contains("not fields of the schema, and it lacks the columns [USER_ID, ITEM_ID, EVENT_TYPE, TIMESTAMP]")
          .doesNotContain("PATH").doesNotContain("AWS_SECRET").doesNotContain("root").doesNotContain("password").doesNotContain("hunter2");
    }
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, secrets)).isEqualTo(
        "test.csv: the first line is not a CSV header of this dataset's schema: 2 of its 2 columns are not fields of the schema,"
            + " and it lacks the columns [USER_ID, ITEM_ID, EVENT_TYPE, TIMESTAMP]."
            + " The first line must name the columns, from [USER_ID, ITEM_ID, EVENT_TYPE, EVENT_VALUE, TIMESTAMP]");
  }

  @Test
  void a_first_line_that_is_not_even_csv_is_refused_without_quoting_it() {
    String message = error(INTERACTIONS, DatasetType.INTERACTIONS, "\"secret\"tail,x\nu,i\n");
    assertThat(message).isEqualTo("test.csv: the first line is not a CSV header of this dataset's schema (unexpected text after a closing quote;"
        + " quote the whole field and double the inner quotes); it must name the columns [USER_ID, ITEM_ID, EVENT_TYPE, EVENT_VALUE, TIMESTAMP]");
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "zq\"xv,x\n")).doesNotContain("zq").contains("a quote inside an unquoted field");
  }

  @Test
  void a_file_without_line_ends_cannot_take_all_memory() {
    byte[] endless = new byte[CsvParser.MAX_RECORD_BYTES + 10];
    java.util.Arrays.fill(endless, (byte) 'k');
    String message;
    try {
      new CsvImporter(INTERACTIONS, DatasetType.INTERACTIONS).importFile("test.csv", new ByteArrayInputStream(endless), s -> {});
      throw new AssertionError("expected an import error");
    } catch (ImportException e) {
      message = e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(message).contains("the first line is not a CSV header").contains("a record longer than 16 MiB").doesNotContain("kkk");
  }

  @Test
  void a_recognised_header_may_name_its_unknown_column_escaped_and_cut_short() {
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,\"CO\nL\u0007OUR\"\nu,i,1,v,red\n"))
        .startsWith("test.csv line 1: the column 'CO\\nL\\u0007OUR' is not in the schema");
    String longName = "X".repeat(100);
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE," + longName + "\nu,i,1,v,red\n"))
        .contains("the column '" + "X".repeat(60) + "...' is not in the schema");
  }

  @Test
  void a_bad_value_is_quoted_short_with_invisible_characters_escaped() {
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu,i,\"12\u0000\u202E\tab\\\",v\n"))
        .isEqualTo("test.csv line 2, column TIMESTAMP: expected a whole number of seconds since 1970-01-01 (epoch seconds), got '12\\u0000\\u202E\\tab\\\\'");
    String longValue = "9".repeat(30) + "x" + "9".repeat(50);
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu,i," + longValue + ",v\n"))
        .endsWith("got '" + longValue.substring(0, 60) + "...'");
  }

  @Test
  void a_bad_value_names_the_file_line_and_column() {
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu,i,1,v\nu,i,12ab,v\n"))
        .isEqualTo("test.csv line 3, column TIMESTAMP: expected a whole number of seconds since 1970-01-01 (epoch seconds), got '12ab'");
  }

  @Test
  void millisecond_timestamps_are_refused() {
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu,i,1586731606000,v\n"))
        .contains("column TIMESTAMP").contains("got 1586731606000");
  }

  @Test
  void null_in_a_required_field_is_refused() {
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n,i,1,v\n"))
        .isEqualTo("test.csv line 2, column USER_ID: a value is required; the schema does not allow null here");
  }

  @Test
  void ids_longer_than_256_characters_are_refused() {
    String id = "x".repeat(257);
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n" + id + ",i,1,v\n"))
        .contains("column USER_ID: the value is 257 characters long; at most 256 are allowed");
  }

  @Test
  void categorical_values_are_checked_per_pipe_separated_part() throws Exception {
    String ok = "a".repeat(1000) + "|" + "b".repeat(1000);
    Segment s = load(ITEMS, DatasetType.ITEMS, "ITEM_ID,GENRES,CREATION_TIMESTAMP\ni," + ok + ",5\n", 1000).get(0);
    assertThat(s.strings("GENRES").value(0)).isEqualTo(ok);
    assertThat(error(ITEMS, DatasetType.ITEMS, "ITEM_ID,GENRES,CREATION_TIMESTAMP\ni,Comedy|" + "c".repeat(1001) + ",5\n"))
        .contains("column GENRES").contains("is 1001 characters long; at most 1000");
  }

  @Test
  void booleans_must_be_lower_case() throws Exception {
    Segment s = load(ITEMS, DatasetType.ITEMS, "ITEM_ID,IN_STOCK,CREATION_TIMESTAMP\na,true,1\nb,,1\n", 1000).get(0);
    assertThat(s.column("IN_STOCK").orElseThrow().isNull(1)).isTrue();
    assertThat(error(ITEMS, DatasetType.ITEMS, "ITEM_ID,IN_STOCK,CREATION_TIMESTAMP\na,True,1\n"))
        .contains("column IN_STOCK: expected true or false (lower case), got 'True'");
  }

  @Test
  void floats_must_be_finite_numbers() {
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\nu,i,1,v,NaN\n"))
        .contains("column EVENT_VALUE: expected a finite number");
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\nu,i,1,v,five\n"))
        .contains("got 'five'");
  }

  @Test
  void a_short_record_is_refused() {
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu,i,1\n"))
        .isEqualTo("test.csv line 2 has 3 values, but the header has 4 columns");
  }

  @Test
  void an_empty_file_needs_a_header() {
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "")).contains("test.csv is empty; it needs a header row");
  }

  @Test
  void large_files_are_cut_into_segments() throws Exception {
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
    for (int i = 0; i < 2500; i++) {
      csv.append("u").append(i % 7).append(",i").append(i).append(',').append(i).append(",view\n");
    }
    List<Segment> segments = load(INTERACTIONS, DatasetType.INTERACTIONS, csv.toString(), 1000);
    assertThat(segments).extracting(Segment::rows).containsExactly(1000, 1000, 500);
    LongColumn last = segments.get(2).longs("TIMESTAMP");
    assertThat(last.value(499)).isEqualTo(2499);
  }
}
