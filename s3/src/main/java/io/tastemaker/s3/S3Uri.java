package io.tastemaker.s3;

import java.io.Serializable;

/** The bucket and key of an {@code s3://bucket/key} location; the key may be empty or a folder ending in '/'. */
public record S3Uri(String bucket, String key) implements Serializable {
  public static final String SCHEME = "s3://";

  public S3Uri {
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("an S3 location needs a bucket");
    }
  }

  public static boolean isS3(String location) {
    return location.startsWith(SCHEME);
  }

  /** Parses {@code s3://bucket/key}; an IllegalArgumentException names a location without a bucket. */
  public static S3Uri parse(String location) {
    if (!isS3(location)) {
      throw new IllegalArgumentException(location + " is not an s3:// location");
    }
    String rest = location.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException(location + " is not a valid S3 location: it names no bucket.");
    }
    return new S3Uri(bucket, key);
  }

  /** The key as a folder: empty, or ending in '/'. */
  public String folderPrefix() {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  /** The object {@code name} in this location taken as a folder. */
  public S3Uri child(String name) {
    return new S3Uri(bucket, folderPrefix() + name);
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + key;
  }
}
