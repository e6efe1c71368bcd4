package io.tastemaker.server.objects;

import io.tastemaker.s3.S3Uri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * files and subfolders left out; as output, a folder that files are written into. Local paths must
 * lie in the folders {@link LocalDataRoots} allows, checked when a request names them and again,
 * file by file, when a job reads or writes them.
 */
public final class DataLocations {
  private final S3Access s3;
  private final LocalDataRoots roots;

  public DataLocations(S3Access s3, LocalDataRoots roots) {
    this.s3 = s3;
    this.roots = roots;
  }

  /**
   * Refuses, when a request names it, an input location a job could not be allowed to read: a
   * scheme other than {@code s3://} and {@code file://}, or a local path outside the allowed
   * folders or not a file or folder. Whether it exists is left to the job, as Personalize does.
   */
  public void checkInput(String location) throws LocationException {
    if (location.startsWith("s3://")) {
      S3Path.parse(location);
      return;
    }
    Path real = roots.allowed(LocalDataRoots.parse(location), location);
    if (Files.exists(real, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
      throw notAFile(location);
    }
  }

  /** Refuses, when a request names it, an output folder a job could not be allowed to write. */
  public void checkOutput(String location) throws LocationException {
    if (location.startsWith("s3://")) {
      S3Path.parse(location);
      return;
    }
    roots.allowed(LocalDataRoots.parse(location), location);
  }

  /** The files at an input location, each checked to be allowed. */
  public List<SourceFile> list(String location) throws LocationException {
    if (location.startsWith("s3://")) {
      return listS3(location);
    }
    return listLocal(LocalDataRoots.parse(location), location);
  }

  /** The output folder at a location, checked to be allowed and writable (a local folder is created if needed). */
  public OutputLocation output(String location) throws LocationException {
    return OutputLocation.open(location, s3, roots);
  }

  private List<SourceFile> listLocal(Path path, String location) throws LocationException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      // Checked first, so that a missing path outside the folders says the same as an existing one.
      roots.allowed(path, location);
      throw new LocationException("Input path " + location + " does not exist.");
    }
    Path real = roots.allowed(path, location);
    if (Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      return List.of(local(path.toString(), real));
    }
    if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
      throw notAFile(location);
    }
    List<Path> children;
    try (Stream<Path> listed = Files.list(real)) {
      children = listed.filter(p -> !p.getFileName().toString().startsWith(".")).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new LocationException("Cannot read the folder " + location + " (" + e.getClass().getSimpleName() + ").", e);
    }
    List<SourceFile> files = new ArrayList<>();
    for (Path child : children) {
      String shown = path.resolve(child.getFileName()).toString();
      if (Files.isDirectory(child)) {
        continue;
      }
      Path childReal = roots.allowed(child, shown);
      if (!Files.isRegularFile(childReal, LinkOption.NOFOLLOW_LINKS)) {
        throw notAFile(shown);
      }
      files.add(local(shown, childReal));
    }
    if (files.isEmpty()) {
      throw new LocationException("Input path " + location + " is a folder without files.");
    }
    return files;
  }

  private static LocationException notAFile(String location) {
    return new LocationException(location + " is not a regular file or folder (a device, FIFO or socket); only files are read.");
  }

  /** A checked local file: opened by its real path, refusing a symlink put in its place since the check. */
  private static SourceFile local(String shown, Path real) throws LocationException {
    try {
      return new SourceFile(shown, Files.size(real), () -> Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      throw new LocationException("Cannot read " + shown + " (" + e.getClass().getSimpleName() + ").", e);
    }
  }

  /** The bucket and key of an {@code s3://} location. */
  public record S3Path(String bucket, String key) {
    public static S3Path parse(String location) throws LocationException {
      try {
        S3Uri uri = S3Uri.parse(location);
        return new S3Path(uri.bucket(), uri.key());
      } catch (IllegalArgumentException e) {
        throw new LocationException(e.getMessage(), e);
      }
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
