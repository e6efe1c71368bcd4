package io.tastemaker.server.objects;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A user's data locations: an {@code s3://bucket/key} object or prefix, a {@code file://} URI, or a
 * local path. As input, a location that is a folder means every file in it, in name order, hidden
 * files left out; as output, a folder that files are written into.
 */
public final class DataLocations {
  private final S3Access s3;

  public DataLocations(S3Access s3) {
    this.s3 = s3;
  }

  public List<SourceFile> list(String location) throws LocationException {
    if (location.startsWith("s3://")) {
      return listS3(location);
    }
    return listLocal(localPath(location), location);
  }

  /** The output folder at a location, checked to be writable. */
  public OutputLocation output(String location) throws LocationException {
    return OutputLocation.open(location, s3);
  }

  /** The local path of a {@code file://} URI or a plain path. */
  public static Path localPath(String location) throws LocationException {
    if (location.startsWith("file:")) {
      try {
        return Path.of(new URI(location));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new LocationException("Invalid file location " + location + ": " + e.getMessage());
      }
    }
    if (location.startsWith("/")) {
      return Path.of(location);
    }
    throw new LocationException("Unsupported location " + location + "; use s3://bucket/key, file:///path or an absolute path.");
  }

  private static List<SourceFile> listLocal(Path path, String location) throws LocationException {
    if (Files.isRegularFile(path)) {
      return List.of(local(path));
    }
    if (!Files.isDirectory(path)) {
      throw new LocationException("Input path " + location + " does not exist.");
    }
    try (Stream<Path> children = Files.list(path)) {
      List<SourceFile> files = new ArrayList<>();
      for (Path p : children.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted(Comparator.comparing(Path::toString)).toList()) {
        files.add(local(p));
      }
      if (files.isEmpty()) {
        throw new LocationException("Input path " + location + " is a folder without files.");
      }
      return files;
    } catch (IOException e) {
      throw new LocationException("Cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  private static SourceFile local(Path p) throws LocationException {
    try {
      return new SourceFile(p.toString(), Files.size(p), () -> Files.newInputStream(p));
    } catch (IOException e) {
      throw new LocationException("Cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /** The bucket and key of an {@code s3://} location. */
  public record S3Path(String bucket, String key) {
    public static S3Path parse(String location) throws LocationException {
      String rest = location.substring("s3://".length());
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String key = slash < 0 ? "" : rest.substring(slash + 1);
      if (bucket.isEmpty()) {
        throw new LocationException("Invalid S3 path " + location + ": no bucket.");
      }
      return new S3Path(bucket, key);
    }
  }

  private List<SourceFile> listS3(String location) throws LocationException {
    S3Path path = S3Path.parse(location);
    try {
      if (!path.key().isEmpty() && !path.key().endsWith("/")) {
        try {
          long size = s3.client().headObject(r -> r.bucket(path.bucket()).key(path.key())).contentLength();
          return List.of(new SourceFile(location, size, () -> s3.client().getObject(r -> r.bucket(path.bucket()).key(path.key()))));
        } catch (NoSuchKeyException e) {
          // Not an object: maybe a folder given without its trailing slash.
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
          if (e.statusCode() != 404) {
            throw e;
          }
        }
      }
      String prefix = path.key().isEmpty() || path.key().endsWith("/") ? path.key() : path.key() + "/";
      List<SourceFile> files = new ArrayList<>();
      ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(path.bucket()).prefix(prefix).build();
      for (S3Object object : s3.client().listObjectsV2Paginator(request).contents()) {
        String name = object.key().substring(prefix.length());
        if (name.isEmpty() || name.endsWith("/") || name.contains("/") || name.startsWith(".")) {
          continue;
        }
        String key = object.key();
        files.add(new SourceFile("s3://" + path.bucket() + "/" + key, object.size(), () -> s3.client().getObject(r -> r.bucket(path.bucket()).key(key))));
      }
      if (files.isEmpty()) {
        throw new LocationException("Invalid S3 input path " + location + ": no such object, and no objects under it.");
      }
      files.sort(Comparator.comparing(SourceFile::name));
      return files;
    } catch (NoSuchBucketException e) {
      throw new LocationException("Invalid S3 input path " + location + ": the bucket " + path.bucket() + " does not exist.", e);
    } catch (SdkException e) {
      throw new LocationException("Cannot read " + location + " from S3: " + e.getMessage(), e);
    }
  }
}
