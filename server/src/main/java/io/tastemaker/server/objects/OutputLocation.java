package io.tastemaker.server.objects;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A folder a job writes its output files to: a local folder (absolute path or {@code file://}) or an
 * {@code s3://bucket/prefix/}. Each file appears whole or not at all: it is written to a temporary
 * file first, then moved (locally) or uploaded (S3) when complete.
 */
public final class OutputLocation {
  private final String location;
  private final Path localFolder;
  private final DataLocations.S3Path s3Folder;
  private final S3Access s3;

  private OutputLocation(String location, Path localFolder, DataLocations.S3Path s3Folder, S3Access s3) {
    this.location = location;
    this.localFolder = localFolder;
    this.s3Folder = s3Folder;
    this.s3 = s3;
  }

  /**
   * The output folder at a location, checked to be writable. A local folder must lie in an allowed
   * folder ({@link LocalDataRoots}); it is created if needed, and checked again once it exists.
   */
  static OutputLocation open(String location, S3Access s3, LocalDataRoots roots) throws LocationException {
    if (location.startsWith("s3://")) {
      DataLocations.S3Path path = DataLocations.S3Path.parse(location);
      try {
        s3.client().headBucket(r -> r.bucket(path.bucket()));
      } catch (NoSuchBucketException e) {
        throw new LocationException("Invalid S3 output path " + location + ": the bucket " + path.bucket() + " does not exist.", e);
      } catch (SdkException e) {
        throw new LocationException("Cannot write to " + location + ": " + e.getMessage(), e);
      }
      return new OutputLocation(location, null, path, s3);
    }
    Path resolved = roots.allowed(LocalDataRoots.parse(location), location);
    try {
      Files.createDirectories(resolved);
    } catch (IOException e) {
      throw new LocationException("Cannot create the output folder " + location + ": " + e.getMessage(), e);
    }
    Path folder = roots.allowed(resolved, location);
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(folder)) {
      throw new LocationException("The output folder " + location + " is not writable.");
    }
    return new OutputLocation(location, folder, null, s3);
  }

  /** The local folder the files go to; empty for an {@code s3://} location. */
  public Optional<Path> localFolder() {
    return Optional.ofNullable(localFolder);
  }

  /** The folder, for another process that writes into it (a Spark driver): a local path or an {@code s3://} location. */
  public String address() {
    return localFolder != null ? localFolder.toString() : location;
  }

  /** Where a file of this name ends up, as shown to users. */
  public String locationOf(String fileName) {
    return location.endsWith("/") ? location + fileName : location + "/" + fileName;
  }

  /** Starts writing a file of this name in the folder. */
  public Pending create(String fileName) throws IOException {
    Path temporary = localFolder != null ? temporaryOf(fileName) : Files.createTempFile("tastemaker-output-", ".out");
    return new Pending(fileName, temporary);
  }

  /** Deletes what a writer of this file name left unfinished when its process died (local folders only). */
  public void discardUnfinished(String fileName) throws IOException {
    if (localFolder != null) {
      Files.deleteIfExists(temporaryOf(fileName));
    }
  }

  /**
   * Deletes a hidden folder of parts another process (a Spark application) left next to the
   * files when it was killed: a local folder with what it holds, or every object under the prefix.
   */
  public void discardHiddenFolder(String folderName) throws IOException {
    if (!folderName.startsWith(".") || folderName.contains("/") || folderName.equals(".") || folderName.equals("..")) {
      throw new IllegalArgumentException("a hidden folder name such as .name.spark is needed, got " + folderName);
    }
    if (localFolder != null) {
      Path folder = localFolder.resolve(folderName);
      if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> walk = Files.walk(folder)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      return;
    }
    String prefix = (s3Folder.key().isEmpty() || s3Folder.key().endsWith("/") ? s3Folder.key() : s3Folder.key() + "/") + folderName + "/";
    try {
      for (S3Object object : s3.client().listObjectsV2Paginator(r -> r.bucket(s3Folder.bucket()).prefix(prefix)).contents()) {
        s3.client().deleteObject(r -> r.bucket(s3Folder.bucket()).key(object.key()));
      }
    } catch (SdkException e) {
      throw new IOException("Cannot delete the objects under s3://" + s3Folder.bucket() + "/" + prefix + ": " + e.getMessage(), e);
    }
  }

  private Path temporaryOf(String fileName) {
    return localFolder.resolve("." + fileName + ".writing");
  }

  /** A file being written; {@link #commit()} publishes it, {@link #close()} without commit discards it. */
  public final class Pending implements AutoCloseable {
    private final String fileName;
    private final Path temporary;
    private final OutputStream stream;
    private final WriteCheck check = new WriteCheck();
    private boolean committed;

    private Pending(String fileName, Path temporary) throws IOException {
      this.fileName = fileName;
      this.temporary = temporary;
      try {
        // A file (or a symlink) left under the temporary name is replaced, never followed.
        Files.deleteIfExists(temporary);
        this.stream = check.wrap(Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
      } catch (AccessDeniedException e) {
        throw new IOException("Cannot write " + locationOf(fileName) + ": permission denied", e);
      }
    }

    public OutputStream stream() {
      return stream;
    }

    /** Publishes the file under its name, once the temporary file is checked to hold exactly the bytes written. */
    public void commit() throws IOException {
      stream.close();
      check.verify(temporary, locationOf(fileName));
      if (localFolder != null) {
        Files.move(temporary, localFolder.resolve(fileName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        String prefix = s3Folder.key().isEmpty() || s3Folder.key().endsWith("/") ? s3Folder.key() : s3Folder.key() + "/";
        try {
          s3.client().putObject(r -> r.bucket(s3Folder.bucket()).key(prefix + fileName), RequestBody.fromFile(temporary));
        } catch (SdkException e) {
          throw new IOException("Cannot upload " + locationOf(fileName) + ": " + e.getMessage(), e);
        } finally {
          Files.deleteIfExists(temporary);
        }
      }
      committed = true;
    }

    @Override
    public void close() throws IOException {
      if (!committed) {
        stream.close();
        Files.deleteIfExists(temporary);
      }
    }
  }
}
