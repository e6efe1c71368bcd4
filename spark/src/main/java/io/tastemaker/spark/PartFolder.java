package io.tastemaker.spark;

import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.s3.S3Settings;
import io.tastemaker.s3.S3Uri;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where the executors leave the answered lines of one output file, one part per range, until the
 * driver joins them: the hidden folder {@code .<name>.spark/} next to the {@code .out} file, in a
 * local folder or under an {@code s3://} prefix. Nothing in it is ever taken for input or output:
 * jobs skip hidden names.
 */
record PartFolder(String outputFolder, String outputName, S3Settings s3) implements Serializable {
  private String folderName() {
    return BatchJobDescription.FileJob.partFolderName(outputName);
  }

  private String partName(int index) {
    return String.format("part-%05d", index);
  }

  private boolean onS3() {
    return S3Uri.isS3(outputFolder);
  }

  private S3Uri partObject(int index) {
    return S3Uri.parse(outputFolder).child(folderName() + "/" + partName(index));
  }

  private Path localFolder() {
    return Path.of(outputFolder).resolve(folderName());
  }

  /** Writes a part: each line and a line break, in UTF-8; returns the number of lines. */
  long write(int index, Iterator<String> lines) throws IOException {
    Path file;
    if (onS3()) {
      file = Files.createTempFile("tastemaker-part-", ".out");
    } else {
      Files.createDirectories(localFolder());
      file = localFolder().resolve(partName(index));
    }
    try {
      long count = 0;
      try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
        while (lines.hasNext()) {
          out.write(lines.next());
          out.write('\n');
          count++;
        }
      }
      if (onS3()) {
        S3Uri part = partObject(index);
        try {
          ExecutorS3.client(s3).putObject(r -> r.bucket(part.bucket()).key(part.key()), RequestBody.fromFile(file));
        } catch (SdkException e) {
          throw new IOException("Cannot upload " + part + ": " + e.getMessage(), e);
        }
      }
      return count;
    } finally {
      if (onS3()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** Opens a written part. */
  InputStream open(int index) throws IOException {
    return onS3() ? Locations.openFrom(partObject(index).toString(), 0, s3) : Files.newInputStream(localFolder().resolve(partName(index)));
  }

  /** Deletes every part, and the folder. */
  void deleteAll() throws IOException {
    if (onS3()) {
      S3Uri folder = S3Uri.parse(outputFolder).child(folderName() + "/");
      try {
        var client = ExecutorS3.client(s3);
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(folder.bucket()).prefix(folder.key()).build();
        for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
          client.deleteObject(r -> r.bucket(folder.bucket()).key(object.key()));
        }
      } catch (SdkException e) {
        throw new IOException("Cannot delete the parts under " + folder + ": " + e.getMessage(), e);
      }
      return;
    }
    Path folder = localFolder();
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
