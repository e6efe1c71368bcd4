package io.tastemaker.server.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An object store in an S3 bucket ({@code --object-store s3://bucket/prefix}), so that objects
 * outlive the machine and several servers can share them.
 *
 * <p>S3 makes an object visible only when its PutObject or CompleteMultipartUpload succeeds, so a
 * pending object writes nothing under its key until {@link PendingObject#commit()}: a small object
 * is held in memory and put whole; a larger one goes up in parts of {@link #DEFAULT_PART_BYTES} as
 * it is written (memory stays at one part, whatever the model's size, and is sent without a copy)
 * and is completed on commit.
 * Every request carries a CRC-32C of its bytes, which S3 checks, and commit checks the stored
 * length. A pending object closed without a commit aborts its upload; one whose process died is
 * aborted by {@link #discardUnfinished()} at the next start (a bucket lifecycle rule that aborts
 * incomplete multipart uploads after a day is a good second net). Free disk space means nothing
 * here, so the store has none to report.
 */
public final class S3ObjectStore implements ObjectStore {
  /** 8 MiB: S3 needs at least 5 MiB for every part but the last, and 10,000 parts of 8 MiB hold 78 GiB. */
  public static final int DEFAULT_PART_BYTES = 8 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
  private static final int DELETE_BATCH = 1000;
  private static final int FIRST_BUFFER_BYTES = 1 << 16;
  /** How long {@code /health} waits for the bucket to answer before it calls it unreachable. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private final Supplier<S3Client> s3;
  private final ObjectStoreLocation location;
  private final int partBytes;
  private final Instant opened = Instant.now();
  private final DamageReports damage = new DamageReports(LOG);

  public S3ObjectStore(S3Access s3, ObjectStoreLocation location) {
    this(s3::client, location, DEFAULT_PART_BYTES);
  }

  S3ObjectStore(Supplier<S3Client> s3, ObjectStoreLocation location, int partBytes) {
    if (partBytes < 5 << 20) {
      throw new IllegalArgumentException("partBytes must be at least 5 MiB (S3's smallest part), got " + partBytes);
    }
    this.s3 = s3;
    this.location = location;
    this.partBytes = partBytes;
  }

  /** The S3 key of a store key, refusing keys that would leave the prefix or name no object. */
  private String objectKey(String key) {
    if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("\\") || ("/" + key + "/").contains("/../")
        || ("/" + key + "/").contains("/./") || key.contains("//")) {
      throw new IllegalArgumentException("invalid object key " + key);
    }
    return location.objectKey(key);
  }

  /** How messages name an object: its S3 URI. */
  private String file(String key) {
    return "s3://" + location.bucket() + "/" + location.objectKey(key);
  }

  @Override
  public Optional<String> addressOf(String key) {
    return Optional.of(file(key));
  }

  private static IOException failure(String what, SdkException e) {
    return new IOException(what + ": " + e.getMessage(), e);
  }

  private static boolean notFound(SdkException e) {
    return e instanceof NoSuchKeyException || (e instanceof S3Exception s && s.statusCode() == 404);
  }

  @Override
  public PendingObject create(String key) {
    return new Upload(key, objectKey(key));
  }

  @Override
  public InputStream open(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      return s3.get().getObject(r -> r.bucket(location.bucket()).key(objectKey));
    } catch (SdkException e) {
      if (notFound(e)) {
        NoSuchFileException missing = new NoSuchFileException(file(key));
        missing.initCause(e);
        throw missing;
      }
      throw failure("cannot read " + file(key), e);
    }
  }

  @Override
  public <T> T read(String key, Decoder<T> decoder) {
    // A connection lost mid-read surfaces as the SDK's unchecked exception: an unreadable object, as an IOException is.
    return damage.decode(key, file(key), () -> open(key), (in, file) -> {
      try {
        return decoder.decode(in, file);
      } catch (SdkException e) {
        throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    });
  }

  @Override
  public boolean exists(String key) throws IOException {
    return head(key).isPresent();
  }

  /** The object's size, empty when there is none. */
  private Optional<Long> head(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      return Optional.of(s3.get().headObject(r -> r.bucket(location.bucket()).key(objectKey)).contentLength());
    } catch (SdkException e) {
      if (notFound(e)) {
        return Optional.empty();
      }
      throw failure("cannot look up " + file(key), e);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      s3.get().deleteObject(r -> r.bucket(location.bucket()).key(objectKey));
    } catch (SdkException e) {
      throw failure("cannot delete " + file(key), e);
    }
  }

  /** Deletes the object {@code prefix} and every object under {@code prefix/}, as the local store deletes a file or a folder. */
  @Override
  public void deleteAll(String prefix) throws IOException {
    String folder = objectKey(prefix);
    try {
      List<ObjectIdentifier> batch = new ArrayList<>();
      batch.add(ObjectIdentifier.builder().key(folder).build());
      for (S3Object object : s3.get().listObjectsV2Paginator(r -> r.bucket(location.bucket()).prefix(folder + "/")).contents()) {
        batch.add(ObjectIdentifier.builder().key(object.key()).build());
        if (batch.size() == DELETE_BATCH) {
          deleteObjects(batch);
          batch.clear();
        }
      }
      deleteObjects(batch);
    } catch (SdkException e) {
      throw failure("cannot delete " + file(prefix) + "/", e);
    }
  }

  private void deleteObjects(List<ObjectIdentifier> keys) throws IOException {
    if (keys.isEmpty()) {
      return;
    }
    var response = s3.get().deleteObjects(r -> r.bucket(location.bucket()).delete(Delete.builder().objects(keys).quiet(true).build()));
    if (response.hasErrors() && !response.errors().isEmpty()) {
      var first = response.errors().get(0);
      throw new IOException("cannot delete " + response.errors().size() + " object(s) from s3://" + location.bucket() + ", such as " + first.key() + ": "
          + first.code() + " " + first.message());
    }
  }

  @Override
  public List<String> keys() throws IOException {
    String prefix = location.keyPrefix();
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object object : s3.get().listObjectsV2Paginator(r -> r.bucket(location.bucket()).prefix(prefix)).contents()) {
        String key = object.key().substring(prefix.length());
        // Folder markers that other tools leave are not objects of this store.
        if (!key.isEmpty() && !key.endsWith("/")) {
          keys.add(key);
        }
      }
    } catch (SdkException e) {
      throw failure("cannot list " + location, e);
    }
    return keys;
  }

  @Override
  public long size(String key) throws IOException {
    return head(key).orElse(0L);
  }

  /**
   * Aborts the multipart uploads under the prefix that began before the second this store was
   * opened in: a process that died left them. Uploads of this process are never touched (S3 may
   * report start times in whole seconds, hence the rounding down).
   */
  @Override
  public void discardUnfinished() throws IOException {
    try {
      var uploads = s3.get().listMultipartUploadsPaginator(r -> r.bucket(location.bucket()).prefix(location.keyPrefix())).uploads();
      for (MultipartUpload upload : uploads) {
        if (upload.initiated() != null && upload.initiated().isBefore(opened.truncatedTo(ChronoUnit.SECONDS))) {
          s3.get().abortMultipartUpload(r -> r.bucket(location.bucket()).key(upload.key()).uploadId(upload.uploadId()));
          LOG.info("aborted an unfinished upload of s3://{}/{} begun {}", location.bucket(), upload.key(), upload.initiated());
        }
      }
    } catch (SdkException e) {
      throw failure("cannot abort the unfinished uploads under " + location, e);
    }
  }

  @Override
  public String location() {
    return location.toString();
  }

  /** Lists at most one key under the prefix: that needs the bucket to exist and the credentials to be allowed to read it. */
  @Override
  public Optional<String> unreachableReason() {
    try {
      s3.get().listObjectsV2(r -> r.bucket(location.bucket()).prefix(location.keyPrefix()).maxKeys(1)
          .overrideConfiguration(c -> c.apiCallTimeout(PROBE_TIMEOUT)));
      return Optional.empty();
    } catch (SdkException | IllegalStateException e) {
      return Optional.of("cannot list " + location + ": " + e.getMessage());
    }
  }

  /** A pending object: bytes held up to one part, then uploaded part by part; visible only on commit. */
  private final class Upload implements PendingObject {
    private final String key;
    private final String objectKey;
    /** Grows up to one part, so that the many small objects (segments) do not each hold a part's worth of memory. */
    private byte[] buffer = new byte[Math.min(partBytes, FIRST_BUFFER_BYTES)];
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long length;
    private Optional<String> uploadId = Optional.empty();
    private boolean closed;
    private boolean committed;

    Upload(String key, String objectKey) {
      this.key = key;
      this.objectKey = objectKey;
    }

    /** The bytes of the object; closing it ends nothing, since only commit or close of the pending object decide its fate. */
    private final OutputStream stream =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            Upload.this.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            Upload.this.write(b, off, len);
          }
        };

    @Override
    public OutputStream stream() {
      return stream;
    }

    private void write(int b) throws IOException {
      ensureOpen();
      if (filled == buffer.length) {
        makeRoom();
      }
      buffer[filled++] = (byte) b;
      length++;
    }

    private void write(byte[] b, int off, int len) throws IOException {
      ensureOpen();
      while (len > 0) {
        if (filled == buffer.length) {
          makeRoom();
        }
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
        length += n;
      }
    }

    private void ensureOpen() throws IOException {
      if (closed || committed) {
        throw new IOException("the object " + file(key) + " is no longer being written");
      }
    }

    /** Doubles a buffer smaller than a part; sends a full part. */
    private void makeRoom() throws IOException {
      if (buffer.length < partBytes) {
        buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(partBytes, 2L * buffer.length));
      } else {
        uploadPart();
      }
    }

    /** The buffered bytes as a request body, without a copy: the buffer does not change until the request returns, retries included. */
    private RequestBody body() {
      byte[] bytes = buffer;
      int length = filled;
      return RequestBody.fromContentProvider(() -> new java.io.ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream");
    }

    /** Sends the buffer as the next part, starting the multipart upload with the first. */
    private void uploadPart() throws IOException {
      try {
        if (uploadId.isEmpty()) {
          uploadId = Optional.of(
              s3.get().createMultipartUpload(r -> r.bucket(location.bucket()).key(objectKey).checksumAlgorithm(ChecksumAlgorithm.CRC32_C)).uploadId());
        }
        int number = parts.size() + 1;
        UploadPartResponse response =
            s3.get().uploadPart(
                r -> r.bucket(location.bucket()).key(objectKey).uploadId(uploadId.get()).partNumber(number).checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                body());
        parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag()).checksumCRC32C(response.checksumCRC32C()).build());
        filled = 0;
      } catch (SdkException e) {
        throw failure("cannot write part " + (parts.size() + 1) + " of " + file(key), e);
      }
    }

    @Override
    public void commit() throws IOException {
      ensureOpen();
      try {
        if (uploadId.isEmpty()) {
          s3.get().putObject(r -> r.bucket(location.bucket()).key(objectKey).checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
              body());
        } else {
          if (filled > 0) {
            uploadPart();
          }
          s3.get().completeMultipartUpload(r -> r.bucket(location.bucket()).key(objectKey).uploadId(uploadId.get()).multipartUpload(m -> m.parts(parts)));
        }
      } catch (SdkException e) {
        throw failure("cannot store " + file(key), e);
      }
      committed = true;
      long stored = head(key).orElse(-1L);
      if (stored != length) {
        delete(key);
        throw new IOException("the object stored as " + file(key) + " held " + stored + " bytes, but " + length + " were written, so it was deleted");
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (!committed && uploadId.isPresent()) {
        try {
          s3.get().abortMultipartUpload(r -> r.bucket(location.bucket()).key(objectKey).uploadId(uploadId.get()));
        } catch (SdkException e) {
          // Harmless: the parts are invisible, and the next start's discardUnfinished aborts the upload.
          LOG.warn("could not abort the upload of {}: {}", file(key), e.getMessage());
        }
      }
    }
  }
}
