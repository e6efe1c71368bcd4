package io.tastemaker.server.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.SegmentCodec;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A dataset's data: the object keys of its segments, kept in the dataset's internal attributes and
 * replaced in the same transaction that completes an import, so readers see whole imports only.
 */
public final class DatasetContents {
  /** The internal attribute listing the dataset's segment keys, oldest first. */
  public static final String SEGMENTS = "_segments";

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
    return "datasets/" + Arns.resourceName(dataset.arn());
  }

  public static List<Segment> load(ObjectStore objects, Resource dataset) throws IOException {
    List<Segment> segments = new ArrayList<>();
    for (String key : segmentKeys(dataset)) {
      try (InputStream in = objects.open(key)) {
        segments.add(SegmentCodec.read(in, key));
      }
    }
    return segments;
  }
}
