package io.tastemaker.server.objects;

import java.util.regex.Pattern;

/**
 * Where {@code --object-store s3://bucket/prefix} keeps the objects: a bucket and a key prefix
 * without leading or trailing slashes (empty for the whole bucket).
 */
public record ObjectStoreLocation(String bucket, String prefix) {
  private static final String SCHEME = "s3://";
  /** S3's bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public ObjectStoreLocation {
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("--object-store must name a valid S3 bucket (3 to 63 lowercase letters, digits, dots, hyphens), got " + bucket);
    }
    if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
      throw new IllegalArgumentException("--object-store prefix must not start or end with '/' or hold '//', got " + prefix);
    }
  }

  /** Parses {@code s3://bucket} or {@code s3://bucket/prefix/}, a trailing slash allowed. */
  public static ObjectStoreLocation parse(String value) {
    if (!value.startsWith(SCHEME)) {
      throw new IllegalArgumentException(
          "--object-store must be s3://bucket or s3://bucket/prefix (without it, objects stay in the data directory's objects/ folder), got " + value);
    }
    String rest = value.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return new ObjectStoreLocation(bucket, prefix);
  }

  /** The S3 key of an object store key. */
  String objectKey(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  /** The S3 key prefix every object of the store starts with. */
  String keyPrefix() {
    return prefix.isEmpty() ? "" : prefix + "/";
  }

  @Override
  public String toString() {
    return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }
}
