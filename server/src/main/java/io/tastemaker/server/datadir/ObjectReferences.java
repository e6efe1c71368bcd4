package io.tastemaker.server.datadir;

import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.serving.ModelFiles;
import io.tastemaker.server.store.ResourceStore;
import io.tastemaker.server.store.Transaction;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * What the database says about the object store: the objects its resources use (a dataset's
 * segments, a solution version's model), and the folders that belong to resources that exist.
 *
 * @param referenced the keys of every object a resource uses
 * @param folders key prefixes (ending in {@code /}) of the object folders of existing datasets and solutions
 * @param resources how many resources the database holds
 */
public record ObjectReferences(Set<String> referenced, Set<String> folders, long resources) {
  public ObjectReferences {
    referenced = Set.copyOf(referenced);
    folders = Set.copyOf(folders);
  }

  /** Reads the references from the database. */
  public static ObjectReferences read(Transaction tx) throws SQLException {
    ResourceStore store = new ResourceStore();
    Set<String> referenced = new HashSet<>();
    Set<String> folders = new HashSet<>();
    for (Resource dataset : store.all(tx, ResourceKind.DATASET)) {
      referenced.addAll(DatasetContents.segmentKeys(dataset));
      folders.add(DatasetContents.folder(dataset) + "/");
    }
    for (Resource version : store.all(tx, ResourceKind.SOLUTION_VERSION)) {
      ModelFiles.keyOf(version).ifPresent(referenced::add);
    }
    for (Resource recommender : store.all(tx, ResourceKind.RECOMMENDER)) {
      ModelFiles.keyOf(recommender).ifPresent(referenced::add);
      // A training in progress writes its new model here before the recommender names it.
      folders.add("recommenders/" + Arns.resourceName(recommender.arn()) + "/");
    }
    for (Resource solution : store.all(tx, ResourceKind.SOLUTION)) {
      folders.add("models/" + Arns.resourceName(solution.arn()) + "/");
    }
    long resources = store.countsByKindAndStatus(tx).values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    return new ObjectReferences(referenced, folders, resources);
  }

  /** Whether a resource uses the object. */
  public boolean references(String key) {
    return referenced.contains(key);
  }

  /** Whether the object is used by a resource or lies in the folder of one that exists. */
  public boolean belongsToAResource(String key) {
    return referenced.contains(key) || folders.stream().anyMatch(key::startsWith);
  }
}
