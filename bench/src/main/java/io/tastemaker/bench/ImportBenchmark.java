package io.tastemaker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.data.SegmentCodec;
import io.tastemaker.core.data.csv.CsvImporter;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.LocalApi;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * CSV import speed on MovieLens-1M-size data: the core path (parse, check every value, encode
 * segments) and the whole import job of a running server (read, check, write segments durably,
 * commit), each timed over several runs.
 */
final class ImportBenchmark {
  private static final int RUNS = 5;
  private static final double TARGET = 500_000;

  private ImportBenchmark() {}

  static void run(Path data) throws Exception {
    MovieLens1mSasrec ml = MovieLens1mSasrec.load(data);
    Path dir = Files.createTempDirectory("tastemaker-import-bench");
    Path csv = dir.resolve("ml-1m-interactions.csv");
    long rows = ml.writeTrainingCsv(csv);
    System.out.printf("Import benchmark: %,d interaction rows of MovieLens-1M (%d users), %.1f MB of CSV, %d runs each, %d cores%n",
        rows, ml.users(), Files.size(csv) / 1e6, RUNS, Runtime.getRuntime().availableProcessors());

    DatasetSchema schema = AvroSchemaParser.parse(MovieLens1mSasrec.TRAINING_SCHEMA);
    List<Double> core = new ArrayList<>();
    for (int run = 0; run < RUNS + 1; run++) {
      long t0 = System.nanoTime();
      try (InputStream in = Files.newInputStream(csv)) {
        new CsvImporter(schema, DatasetType.INTERACTIONS).importFile(csv.toString(), in, segment -> SegmentCodec.write(segment, OutputStream.nullOutputStream()));
      }
      if (run > 0) {
        core.add((System.nanoTime() - t0) / 1e9);
      }
    }

    List<Double> server = new ArrayList<>();
    try (TastemakerServer tm = TastemakerServer.start(ServerConfig.defaults(dir.resolve("data")).withPort(0).withLocalDataRoots(List.of(dir)))) {
      LocalApi api = tm.localApi();
      String schemaArn = api.call("CreateSchema", Json.object().put("name", "bench").put("schema", MovieLens1mSasrec.TRAINING_SCHEMA)).get("schemaArn").asText();
      String group = api.call("CreateDatasetGroup", Json.object().put("name", "bench")).get("datasetGroupArn").asText();
      awaitActive(api, "DescribeDatasetGroup", "datasetGroupArn", group, "datasetGroup");
      String dataset =
          api.call("CreateDataset", Json.object().put("name", "bench").put("datasetGroupArn", group).put("datasetType", "Interactions").put("schemaArn", schemaArn))
              .get("datasetArn").asText();
      awaitActive(api, "DescribeDataset", "datasetArn", dataset, "dataset");
      for (int run = 0; run < RUNS + 1; run++) {
        ObjectNode request = Json.object().put("jobName", "bench-" + run).put("datasetArn", dataset);
        request.putObject("dataSource").put("dataLocation", csv.toUri().toString());
        long t0 = System.nanoTime();
        String job = api.call("CreateDatasetImportJob", request).get("datasetImportJobArn").asText();
        awaitActive(api, "DescribeDatasetImportJob", "datasetImportJobArn", job, "datasetImportJob");
        if (run > 0) {
          server.add((System.nanoTime() - t0) / 1e9);
        }
      }
    }

    System.out.println();
    System.out.println("| Path | median s | best s | rows/s (median) | target |");
    System.out.println("|---|---|---|---|---|");
    print("core: parse + check + encode", rows, core);
    print("server: import job, create to ACTIVE", rows, server);
  }

  private static void print(String what, long rows, List<Double> seconds) {
    List<Double> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    double median = sorted.get(sorted.size() / 2);
    System.out.printf("| %s | %.3f | %.3f | %,.0f | %,.0f %s |%n", what, median, sorted.get(0), rows / median, TARGET, rows / median >= TARGET ? "(met)" : "(MISSED)");
  }

  private static void awaitActive(LocalApi api, String describe, String member, String arn, String key) throws InterruptedException {
    while (true) {
      JsonNode r = api.call(describe, Json.object().put(member, arn)).get(key);
      String status = r.path("status").asText();
      if (status.equals("ACTIVE")) {
        return;
      }
      if (status.startsWith("CREATE FAILED")) {
        throw new IllegalStateException(arn + " failed: " + r.path("failureReason").asText());
      }
      Thread.sleep(5);
    }
  }
}
