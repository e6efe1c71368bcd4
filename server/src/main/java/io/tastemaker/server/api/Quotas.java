package io.tastemaker.server.api;

import java.util.Map;

/**
 * Resource limits, with Personalize's documented defaults (personalize-api.md section 10).
 *
 * @param schemas schemas per server
 * @param datasetGroups dataset groups per server (the 2019 legacy limit)
 * @param pendingImportJobs import jobs pending or in progress at once
 * @param pendingBatchJobs batch inference jobs pending or in progress at once
 * @param pendingSolutionVersions solution versions pending or in progress at once
 * @param solutionsPerGroup active solutions per dataset group
 * @param campaignsPerGroup campaigns per dataset group
 * @param filtersPerGroup filters per dataset group
 * @param tagKeysPerResource tags per resource
 * @param recommenders recommenders per server ("at most 15 recommenders per region")
 */
public record Quotas(
    int schemas,
    int datasetGroups,
    int pendingImportJobs,
    int pendingBatchJobs,
    int pendingSolutionVersions,
    int solutionsPerGroup,
    int campaignsPerGroup,
    int filtersPerGroup,
    int tagKeysPerResource,
    int recommenders) {

  public static Quotas defaults() {
    return new Quotas(500, 500, 5, 5, 20, 10, 5, 10, 50, 15);
  }

  /** These quotas with some replaced by name, such as {@code campaignsPerGroup=20}. */
  public Quotas with(Map<String, Integer> overrides) {
    int[] v = {
      schemas, datasetGroups, pendingImportJobs, pendingBatchJobs, pendingSolutionVersions,
      solutionsPerGroup, campaignsPerGroup, filtersPerGroup, tagKeysPerResource, recommenders
    };
    String[] names = {
      "schemas", "datasetGroups", "pendingImportJobs", "pendingBatchJobs", "pendingSolutionVersions",
      "solutionsPerGroup", "campaignsPerGroup", "filtersPerGroup", "tagKeysPerResource", "recommenders"
    };
    overrides.forEach(
        (name, value) -> {
          int i = java.util.Arrays.asList(names).indexOf(name);
          if (i < 0) {
            throw new IllegalArgumentException("unknown quota " + name + "; known quotas: " + String.join(", ", names));
          }
          if (value < 1) {
            throw new IllegalArgumentException("quota " + name + " must be at least 1, got " + value);
          }
          v[i] = value;
        });
    return new Quotas(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
  }
}
