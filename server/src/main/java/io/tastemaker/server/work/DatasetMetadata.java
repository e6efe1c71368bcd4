package io.tastemaker.server.work;

import io.tastemaker.core.data.Column;
import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.TrainingColumns;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.data.TextFeatures;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.StringColumn;
import io.tastemaker.server.datasets.DatasetSchemas;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.SchemaField;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.events.RecordLog;
import io.tastemaker.server.events.StreamedSegments;
import java.util.ArrayList;
import io.tastemaker.server.resources.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An Items or Users dataset as training sees it: the categorical fields as features, and for items
 * the words of the textual fields and the CREATION_TIMESTAMP of each, leaving out the columns the solution's {@code trainingDataConfig}
 * does not let training use; and the numbers of one numeric column, for an optimization objective.
 */
record DatasetMetadata(Metadata metadata, Map<String, Long> creation, List<Segment> segments, Metadata text) {
  static final DatasetMetadata NONE = new DatasetMetadata(Metadata.EMPTY, Map.of(), List.of(), Metadata.EMPTY);

  /** Every categorical field, as campaigns taking in new items read them. */
  static DatasetMetadata load(ApiContext ctx, Optional<Resource> dataset, String idField) {
    return load(ctx, dataset, idField, TrainingColumns.ALL, java.time.Instant.MAX);
  }

  /**
   * @param columns the columns the solution's {@code trainingDataConfig} lets training use
   * @param solutionCreated when the solution being trained was created: fields a schema replacement
   *     added later are left out, as Personalize leaves new columns out of existing solutions
   */
  static DatasetMetadata load(ApiContext ctx, Optional<Resource> dataset, String idField, TrainingColumns columns, java.time.Instant solutionCreated) {
    if (dataset.isEmpty()) {
      return NONE;
    }
    Optional<DatasetSchema> schema = DatasetSchemas.of(ctx, dataset.get());
    if (schema.isEmpty()) {
      return NONE;
    }
    DatasetSchema parsed = schema.get();
    String datasetType = idField.equals("ITEM_ID") ? "ITEMS" : "USERS";
    com.fasterxml.jackson.databind.JsonNode added = dataset.get().attributes().path(DatasetUpdateJob.ADDED_FIELDS);
    Set<String> categorical =
        parsed.fields().stream().filter(SchemaField::categorical).map(SchemaField::name)
            .filter(name -> columns.uses(datasetType, name))
            .filter(f -> !added.has(f) || added.get(f).asLong() <= solutionCreated.getEpochSecond())
            .collect(Collectors.toSet());
    Set<String> textual =
        parsed.fields().stream().filter(SchemaField::textual).map(SchemaField::name)
            .filter(name -> columns.uses(datasetType, name))
            .filter(f -> !added.has(f) || added.get(f).asLong() <= solutionCreated.getEpochSecond())
            .collect(Collectors.toSet());
    List<Segment> segments = new ArrayList<>(DatasetContents.load(ctx, dataset.get()));
    // Records put one at a time come after every import, so they replace imported ones.
    Map<String, Map<String, String>> records = ctx.db().read(tx -> RecordLog.load(tx, dataset.get().arn()));
    DatasetType type = idField.equals("ITEM_ID") ? DatasetType.ITEMS : DatasetType.USERS;
    StreamedSegments.ofRecords(records, type, idField, parsed).ifPresent(segments::add);
    if (segments.isEmpty()) {
      return NONE;
    }
    Map<String, Long> creation = new HashMap<>();
    for (Segment s : columns.uses(datasetType, "CREATION_TIMESTAMP") ? segments : List.<Segment>of()) {
      Optional<LongColumn> created = s.column("CREATION_TIMESTAMP").filter(LongColumn.class::isInstance).map(LongColumn.class::cast);
      if (created.isPresent()) {
        StringColumn ids = s.strings(idField);
        for (int row = 0; row < s.rows(); row++) {
          if (!created.get().isNull(row)) {
            creation.put(ids.value(row), created.get().value(row));
          }
        }
      }
    }
    return new DatasetMetadata(
        Metadata.fromSegments(segments, idField, categorical), creation, List.copyOf(segments), TextFeatures.fromSegments(segments, idField, textual));
  }

  /** Each item's (or user's) value of a numeric column, the latest record winning; items without one are left out. */
  Map<String, Double> numbers(String idField, String column) {
    Map<String, Double> out = new HashMap<>();
    for (Segment s : segments) {
      Optional<Column> values = s.column(column);
      if (values.isEmpty()) {
        continue;
      }
      StringColumn ids = s.strings(idField);
      for (int row = 0; row < s.rows(); row++) {
        if (values.get() instanceof DoubleColumn d && !d.isNull(row)) {
          out.put(ids.value(row), d.value(row));
        } else if (values.get() instanceof LongColumn l && !l.isNull(row)) {
          out.put(ids.value(row), (double) l.value(row));
        } else {
          out.remove(ids.value(row));
        }
      }
    }
    return out;
  }
}
