package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.data.csv.ImportReport;
import io.tastemaker.server.api.Json;

/**
 * The {@code importReport} member of a finished import job's description: rows imported, rows
 * dropped and values read as null or converted, the columns ignored, and each reason with its count
 * and first places. Personalize has no such member; clients ignore members they do not know, and
 * the console shows it.
 */
final class ImportReportMember {
  /** The member's name in DescribeDatasetImportJob. */
  static final String NAME = "importReport";

  private ImportReportMember() {}

  static ObjectNode of(long rowsImported, ImportReport report) {
    ObjectNode member = Json.object();
    member.put("rowsImported", rowsImported);
    member.put("rowsDropped", report.rowsDropped());
    member.put("valuesNulled", report.valuesNulled());
    member.put("valuesConverted", report.valuesConverted());
    ArrayNode columns = member.putArray("ignoredColumns");
    report.ignoredColumns().forEach(columns::add);
    ArrayNode issues = member.putArray("issues");
    for (ImportReport.Issue issue : report.issues()) {
      ObjectNode item = issues.addObject();
      item.put("action", issue.action().text());
      item.put("reason", issue.reason());
      item.put("count", issue.count());
      ArrayNode places = item.putArray("firstLines");
      issue.firstPlaces().forEach(places::add);
    }
    return member;
  }
}
