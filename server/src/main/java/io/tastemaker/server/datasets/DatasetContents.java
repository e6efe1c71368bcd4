package io.tastemaker.server.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.SegmentCodec;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dataset's data: the object keys of its segments, kept in the dataset's internal attributes and
 * replaced in the same transaction that completes an import, so readers see whole imports only.
 */
public final class DatasetContents {
  /** The internal attribute listing the dataset's segment keys, oldest first. */
  public static final String SEGMENTS = "_segments";
  /** A segment's file name: {@code <import job name>-a<attempt>-<index>.seg}. */
  private static final Pattern SEGMENT_NAME = Pattern.compile("(.+)-a\\d+-\\d+\\.seg");

  private DatasetContents() {}

  public static List<String> segmentKeys(Resource dataset) {
    List<String> keys = new ArrayList<>();
    JsonNode list = dataset.attributes().get(SEGMENTS);
    if (list != null) {
      list.forEach(k -> keys.add(k.asText()));
    }
    return keys;
  }

  /** The dataset's attributes with its segment list replaced. */
  public static ObjectNode withSegments(Resource dataset, Collection<String> keys) {
    ObjectNode attributes = dataset.attributes();
    ArrayNode list = Json.array();
    keys.forEach(list::add);
    attributes.set(SEGMENTS, list);
    return attributes;
  }

  /** Where an import job's segments go: under the dataset, named by job and attempt. */
  public static String segmentKey(Resource dataset, String jobName, int attempt, int index) {
    return folder(dataset) + "/" + jobName + "-a" + attempt + "-" + String.format("%05d", index) + ".seg";
  }

  /** The folder of all of a dataset's objects. */
  public static String folder(Resource dataset) {
    return folder(dataset.arn());
  }

  /** The folder of all of a dataset's objects: {@code datasets/<group>/<TYPE>}. */
  public static String folder(String datasetArn) {
    return "datasets/" + Arns.resourceName(datasetArn);
  }

  /** The folder of all the objects of a dataset group's datasets: {@code datasets/<group>}. */
  public static String groupFolder(String datasetGroupArn) {
    return "datasets/" + Arns.resourceName(datasetGroupArn);
  }

  /**
   * Reads a dataset's segments, each checked against its header and checksum.
   *
   * @throws DamagedDataException when a segment is missing or damaged, naming the import jobs to run again
   */
  public static List<Segment> load(ApiContext ctx, Resource dataset) {
    List<Segment> segments = new ArrayList<>();
    for (String key : segmentKeys(dataset)) {
      try {
        segments.add(ctx.objects().read(key, SegmentCodec::read));
      } catch (DamagedObjectException e) {
        throw damaged(ctx, dataset, e);
      }
    }
    return segments;
  }

  /** The name of the import job that wrote a segment, read from its key. */
  public static Optional<String> importJobName(String key) {
    Matcher m = SEGMENT_NAME.matcher(key.substring(key.lastIndexOf('/') + 1));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The damage, with every import job whose files are missing or damaged and where its data came from. */
  private static DamagedDataException damaged(ApiContext ctx, Resource dataset, DamagedObjectException damage) {
    Set<String> jobs = new LinkedHashSet<>();
    importJobName(damage.key()).ifPresent(jobs::add);
    for (String key : segmentKeys(dataset)) {
      if (!key.equals(damage.key()) && !exists(ctx, key)) {
        importJobName(key).ifPresent(jobs::add);
      }
    }
    List<String> redo = new ArrayList<>();
    for (String name : jobs) {
      String arn = ctx.arns().of(ResourceKind.DATASET_IMPORT_JOB, name);
      Optional<String> location =
          ctx.db().read(tx -> ctx.resources().find(tx, arn)).map(job -> job.attributes().path("dataSource").path("dataLocation").asText(""));
      redo.add(arn + location.filter(l -> !l.isEmpty()).map(l -> " (from " + l + ")").orElse(""));
    }
    String cure =
        redo.isEmpty()
            ? " Import the dataset's data again (CreateDatasetImportJob)."
            : " Import its data again: run CreateDatasetImportJob for this dataset with the data of " + String.join(", ", redo) + ".";
    return new DamagedDataException(dataset.arn(), "The data of the dataset " + dataset.arn() + " is damaged: " + damage.getMessage() + "." + cure, damage);
  }

  private static boolean exists(ApiContext ctx, String key) {
    try {
      return ctx.objects().exists(key);
    } catch (IOException e) {
      return false;
    }
  }
}
