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
    return load(schema, type, csv, segmentRows, new ImportReport());
  }

  private static List<Segment> load(DatasetSchema schema, DatasetType type, String csv, int segmentRows, ImportReport report) throws Exception {
    List<Segment> segments = new ArrayList<>();
    new CsvImporter(schema, type, segmentRows).importFile("test.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), segments::add, report);
    return segments;
  }

  /** What an import of the CSV reported. */
  private static ImportReport report(DatasetSchema schema, DatasetType type, String csv) throws Exception {
    ImportReport report = new ImportReport();
    load(schema, type, csv, 1000, report);
    return report;
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
  void columns_the_schema_does_not_name_are_ignored_and_reported() throws Exception {
    ImportReport report = new ImportReport();
    Segment s = load(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,COLOUR\nu,i,1,v,red\n", 1000, report).get(0);
    assertThat(s.rows()).isEqualTo(1);
    assertThat(s.column("COLOUR")).isEmpty();
    assertThat(report.ignoredColumns()).containsExactly("test.csv: 'COLOUR'");
    assertThat(report.issues()).isEmpty();
  }

  @Test
  void the_unnamed_index_column_pandas_writes_first_is_ignored() throws Exception {
    ImportReport report = new ImportReport();
    Segment s = load(INTERACTIONS, DatasetType.INTERACTIONS, ",USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n0,u,i,1,v\n1,u,j,2,v\n", 1000, report).get(0);
    assertThat(s.rows()).isEqualTo(2);
    assertThat(s.strings("ITEM_ID").value(1)).isEqualTo("j");
    assertThat(report.ignoredColumns()).containsExactly("test.csv: ''");
  }

  @Test
  void trailing_commas_crlf_a_byte_order_mark_quoted_and_lower_case_headers_are_read() throws Exception {
    String csv = "\uFEFFuser_id,\"ITEM_ID\",Timestamp,EVENT_TYPE,\r\nu,\"i, 2\",1,v,\r\nu,i3,2,v\r\n";
    ImportReport report = new ImportReport();
    Segment s = load(INTERACTIONS, DatasetType.INTERACTIONS, csv, 1000, report).get(0);
    assertThat(s.rows()).isEqualTo(2);
    assertThat(s.strings("ITEM_ID").value(0)).isEqualTo("i, 2");
    assertThat(s.strings("USER_ID").value(1)).isEqualTo("u");
    assertThat(report.ignoredColumns()).containsExactly("test.csv: ''");
    assertThat(report.rowsDropped()).isZero();
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
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "\"secret\"tail,x\nu,i\n"))
        .startsWith("test.csv: the first line is not a CSV header of this dataset's schema: 2 of its 2 columns are not fields of the schema")
        .doesNotContain("secret");
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "zq\"xv,x\n")).doesNotContain("zq").contains("not a CSV header");
    assertThat(error(INTERACTIONS, DatasetType.INTERACTIONS, "\"never closed,x\nsecret\n"))
        .startsWith("test.csv: the first line is not a CSV header of this dataset's schema (a quoted field is never closed)").doesNotContain("secret");
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
  void a_recognised_header_may_name_its_ignored_column_escaped_and_cut_short() throws Exception {
    assertThat(report(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,\"CO\nL\u0007OUR\"\nu,i,1,v,red\n").ignoredColumns())
        .containsExactly("test.csv: 'CO\\nL\\u0007OUR'");
    String longName = "X".repeat(100);
    assertThat(report(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE," + longName + "\nu,i,1,v,red\n").ignoredColumns())
        .containsExactly("test.csv: '" + "X".repeat(60) + "...'");
  }

  @Test
  void a_row_whose_key_is_empty_or_unreadable_is_left_out_and_counted_with_its_line() throws Exception {
    ImportReport report = new ImportReport();
    String csv = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu,i,1,v\n,i,2,v\nu,,3,v\nu,i,12ab,v\nu,i,\"12\u0000\u202E\",v\nu,i2,5,v\n";
    Segment s = load(INTERACTIONS, DatasetType.INTERACTIONS, csv, 1000, report).get(0);
    assertThat(s.rows()).isEqualTo(2);
    assertThat(s.strings("ITEM_ID").value(1)).isEqualTo("i2");
    assertThat(report.rowsDropped()).isEqualTo(4);
    assertThat(report.issues()).extracting(ImportReport.Issue::reason).containsExactly(
        "USER_ID is empty, and the schema does not allow null there",
        "ITEM_ID is empty, and the schema does not allow null there",
        "TIMESTAMP: expected a whole number of seconds since 1970-01-01 (epoch seconds)");
    assertThat(report.issues().get(2).count()).isEqualTo(2);
    assertThat(report.issues().get(2).firstPlaces()).containsExactly("test.csv line 5", "test.csv line 6");
    // Reasons never quote a value, so nothing of an unexpected file reaches the job's description.
    assertThat(report.summary()).doesNotContain("12ab").doesNotContain("\u0000");
  }

  @Test
  void an_unreadable_or_empty_metadata_value_is_read_as_null_and_counted() throws Exception {
    DatasetSchema items = AvroSchemaParser.parse(
        """
        {"type":"record","name":"Items","fields":[
          {"name":"ITEM_ID","type":"string"},{"name":"YEAR","type":"int"},{"name":"GENRES","type":"string","categorical":true}]}""");
    ImportReport report = new ImportReport();
    Segment s = load(items, DatasetType.ITEMS, "ITEM_ID,YEAR,GENRES\na,1999,x\nb,,y\nc,2006\u20132007,z\nd,2001.0,\n", 1000, report).get(0);
    assertThat(s.rows()).isEqualTo(4);
    LongColumn years = (LongColumn) s.column("YEAR").orElseThrow();
    assertThat(years.value(0)).isEqualTo(1999);
    assertThat(years.isNull(1)).isTrue();
    assertThat(years.isNull(2)).isTrue();
    assertThat(years.value(3)).isEqualTo(2001);
    assertThat(s.strings("GENRES").isNull(3)).isTrue();
    assertThat(report.rowsDropped()).isZero();
    assertThat(report.valuesNulled()).isEqualTo(3);
    assertThat(report.issues()).extracting(ImportReport.Issue::action, ImportReport.Issue::reason, ImportReport.Issue::firstPlaces).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ImportReport.Action.VALUE_NULLED, "YEAR is empty, and the schema does not allow null there", List.of("test.csv line 3")),
        org.assertj.core.groups.Tuple.tuple(ImportReport.Action.VALUE_NULLED, "YEAR: expected a whole number (int)", List.of("test.csv line 4")),
        org.assertj.core.groups.Tuple.tuple(ImportReport.Action.VALUE_NULLED, "GENRES is empty, and the schema does not allow null there", List.of("test.csv line 5")));
  }

  @Test
  void millisecond_timestamps_are_read_as_seconds_and_counted() throws Exception {
    ImportReport report = new ImportReport();
    Segment s = load(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu,i,1586731606999,v\nu,i,1586731607.5,v\n", 1000, report).get(0);
    assertThat(s.longs("TIMESTAMP").value(0)).isEqualTo(1_586_731_606L);
    assertThat(s.longs("TIMESTAMP").value(1)).isEqualTo(1_586_731_607L);
    assertThat(report.valuesConverted()).isEqualTo(1);
    assertThat(report.issues()).extracting(ImportReport.Issue::action).containsExactly(ImportReport.Action.VALUE_CONVERTED);
  }

  @Test
  void a_row_with_more_values_than_the_header_is_left_out_unless_they_are_empty() throws Exception {
    ImportReport report = new ImportReport();
    Segment s = load(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu,i,1,v,,\nu,a,b,2,v\n", 1000, report).get(0);
    assertThat(s.rows()).isEqualTo(1);
    assertThat(report.rowsDropped()).isEqualTo(1);
    assertThat(report.issues().get(0).firstPlaces()).containsExactly("test.csv line 3");
  }

  @Test
  void a_file_whose_every_row_is_left_out_imports_nothing() throws Exception {
    ImportReport report = new ImportReport();
    assertThat(load(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n,i,1,v\n", 1000, report)).isEmpty();
    assertThat(report.summary()).startsWith("1 row dropped, 0 values read as null; row dropped 1x: USER_ID is empty");
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
  void booleans_read_in_any_case_and_anything_else_as_null() throws Exception {
    ImportReport report = new ImportReport();
    Segment s = load(ITEMS, DatasetType.ITEMS, "ITEM_ID,IN_STOCK,CREATION_TIMESTAMP\na,true,1\nb,,1\nc,True,1\nd,yes,1\n", 1000, report).get(0);
    io.tastemaker.core.data.BooleanColumn stock = (io.tastemaker.core.data.BooleanColumn) s.column("IN_STOCK").orElseThrow();
    assertThat(stock.isNull(1)).isTrue();
    assertThat(stock.value(2)).isTrue();
    assertThat(stock.isNull(3)).isTrue();
    assertThat(report.issues()).extracting(ImportReport.Issue::reason).containsExactly("IN_STOCK: expected true or false");
  }

  @Test
  void floats_must_be_finite_numbers_or_are_read_as_null() throws Exception {
    ImportReport report = new ImportReport();
    Segment s = load(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\nu,i,1,v,NaN\nu,i,1,v,five\nu,i,1,v, 2.5\nu,i,1,v,1e39\n", 1000, report).get(0);
    DoubleColumn values = (DoubleColumn) s.column("EVENT_VALUE").orElseThrow();
    assertThat(values.isNull(0)).isTrue();
    assertThat(values.isNull(1)).isTrue();
    assertThat(values.value(2)).isEqualTo(2.5);
    assertThat(values.isNull(3)).as("beyond a float").isTrue();
    assertThat(report.valuesNulled()).isEqualTo(3);
  }

  @Test
  void a_short_record_reads_its_missing_values_as_empty() throws Exception {
    ImportReport report = new ImportReport();
    Segment s = load(INTERACTIONS, DatasetType.INTERACTIONS, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\nu,i,1,v\nu,i\n", 1000, report).get(0);
    assertThat(s.rows()).isEqualTo(1);
    assertThat(s.column("EVENT_VALUE").orElseThrow().isNull(0)).isTrue();
    assertThat(report.rowsDropped()).isEqualTo(1);
    assertThat(report.issues()).extracting(ImportReport.Issue::action).containsExactly(ImportReport.Action.ROW_PADDED, ImportReport.Action.ROW_DROPPED);
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
