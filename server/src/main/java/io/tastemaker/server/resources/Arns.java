package io.tastemaker.server.resources;

/** Builds the ARNs of this server's resources, in Personalize's formats. */
public final class Arns {
  private final String prefix;

  public Arns(String region, String accountId) {
    this.prefix = "arn:aws:personalize:" + region + ":" + accountId + ":";
  }

  public String of(ResourceKind kind, String name) {
    return prefix + kind.arnType() + "/" + name;
  }

  /** Datasets are named by their group and upper-case type: {@code dataset/<group>/INTERACTIONS}. */
  public String dataset(String datasetGroupName, String typeSuffix) {
    return prefix + "dataset/" + datasetGroupName + "/" + typeSuffix;
  }

  /** Solution versions hang below their solution: {@code solution/<name>/<8 hex>}. */
  public String solutionVersion(String solutionName, String versionId) {
    return prefix + "solution/" + solutionName + "/" + versionId;
  }

  public static String recipe(String name) {
    return "arn:aws:personalize:::recipe/" + name;
  }

  public static String algorithm(String name) {
    return "arn:aws:personalize:::algorithm/" + name;
  }

  public static String featureTransformation(String name) {
    return "arn:aws:personalize:::feature-transformation/" + name;
  }

  /** The name part of an ARN: everything after the first slash of its resource part. */
  public static String resourceName(String arn) {
    String[] parts = arn.split(":", 6);
    String resource = parts.length == 6 ? parts[5] : arn;
    int slash = resource.indexOf('/');
    return slash < 0 ? resource : resource.substring(slash + 1);
  }
}
