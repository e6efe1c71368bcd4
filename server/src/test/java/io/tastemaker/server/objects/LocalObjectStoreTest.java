package io.tastemaker.server.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LocalObjectStoreTest {
  private static final ObjectStore.Decoder<String> GREETING = (in, file) -> BinaryReader.open(in, file, "greeting", 1, 1).readString();

  @TempDir Path dir;
  private Path root;
  private LocalObjectStore store;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void open() throws IOException {
    root = dir.resolve("objects");
    store = new LocalObjectStore(root);
    logged.start();
    ((Logger) LoggerFactory.getLogger(LocalObjectStore.class)).addAppender(logged);
  }

  @AfterEach
  void detach() {
    ((Logger) LoggerFactory.getLogger(LocalObjectStore.class)).detachAppender(logged);
  }

  private static byte[] greeting(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BinaryWriter w = new BinaryWriter(out, "greeting", 1)) {
      w.writeString(text);
      w.finish();
    }
    return out.toByteArray();
  }

  private void put(String key, byte[] bytes) throws IOException {
    try (ObjectStore.PendingObject object = store.create(key)) {
      object.stream().write(bytes);
      object.commit();
    }
  }

  @Test
  void a_committed_object_reads_back_and_is_listed_without_unfinished_writes() throws Exception {
    put("models/s/1.model", greeting("hello"));
    ObjectStore.PendingObject unfinished = store.create("models/s/2.model");
    unfinished.stream().write(greeting("half"));
    unfinished.stream().flush();
    assertThat(store.read("models/s/1.model", GREETING)).isEqualTo("hello");
    assertThat(store.keys()).containsExactly("models/s/1.model");
    assertThat(store.size("models/s/1.model")).isEqualTo(greeting("hello").length);
    try (Stream<Path> staged = Files.list(root.resolve(".staging"))) {
      assertThat(staged.count()).isEqualTo(1);
    }
    store.discardUnfinished();
    try (Stream<Path> staged = Files.list(root.resolve(".staging"))) {
      assertThat(staged.count()).isZero();
    }
  }

  @Test
  void a_damaged_object_is_reported_with_its_file_and_problem() throws Exception {
    put("a/overwritten", greeting("x".repeat(500)));
    byte[] bytes = Files.readAllBytes(root.resolve("a/overwritten"));
    Arrays.fill(bytes, 100, 164, (byte) 7);
    Files.write(root.resolve("a/overwritten"), bytes);
    put("a/halved", greeting("y".repeat(500)));
    Files.write(root.resolve("a/halved"), Arrays.copyOf(greeting("y".repeat(500)), 258));
    put("a/emptied", greeting("z"));
    Files.write(root.resolve("a/emptied"), new byte[0]);

    assertThatThrownBy(() -> store.read("a/overwritten", GREETING))
        .isInstanceOfSatisfying(DamagedObjectException.class, e -> assertThat(e.problem()).isEqualTo(DamagedObjectException.Problem.CORRUPT))
        .hasMessage("objects/a/overwritten is corrupt: its checksum does not match its content");
    assertThatThrownBy(() -> store.read("a/halved", GREETING)).hasMessage("objects/a/halved is corrupt: its checksum does not match its content");
    assertThatThrownBy(() -> store.read("a/emptied", GREETING)).hasMessage("objects/a/emptied is empty (0 bytes)");
    assertThatThrownBy(() -> store.read("a/deleted", GREETING))
        .isInstanceOfSatisfying(DamagedObjectException.class, e -> assertThat(e.problem()).isEqualTo(DamagedObjectException.Problem.MISSING))
        .hasMessage("objects/a/deleted is missing");
  }

  @Test
  void each_damaged_object_is_logged_once_however_often_it_is_read_and_its_repair_is_logged() throws Exception {
    put("m/1.model", greeting("good"));
    byte[] good = Files.readAllBytes(root.resolve("m/1.model"));
    Files.write(root.resolve("m/1.model"), new byte[0]);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> store.read("m/1.model", GREETING)).isInstanceOf(DamagedObjectException.class);
    }
    assertThat(logged.list).hasSize(1);
    assertThat(logged.list.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(logged.list.get(0).getFormattedMessage()).contains("objects/m/1.model is empty (0 bytes)");

    Files.write(root.resolve("m/1.model"), good);
    assertThat(store.read("m/1.model", GREETING)).isEqualTo("good");
    assertThat(logged.list).hasSize(2);
    assertThat(logged.list.get(1).getFormattedMessage()).isEqualTo("objects/m/1.model is readable again");
  }

  @Test
  void a_write_that_did_not_reach_the_file_whole_never_lands() throws Exception {
    ObjectStore.PendingObject object = store.create("datasets/g/INTERACTIONS/torn-a1-00000.seg");
    object.stream().write(greeting("w".repeat(10_000)));
    object.stream().flush();
    Path staged;
    try (Stream<Path> files = Files.list(root.resolve(".staging"))) {
      staged = files.findFirst().orElseThrow();
    }
    // Something else cut the file short after the bytes were handed over.
    try (var channel = Files.newByteChannel(staged, StandardOpenOption.WRITE)) {
      channel.truncate(4_000);
    }
    assertThatThrownBy(object::commit)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("objects/datasets/g/INTERACTIONS/torn-a1-00000.seg does not hold what was written (4000 bytes");
    object.close();
    assertThat(store.keys()).isEmpty();
    assertThat(store.exists("datasets/g/INTERACTIONS/torn-a1-00000.seg")).isFalse();
  }

  @Test
  void writing_recreates_a_folder_removed_under_a_running_server() throws Exception {
    put("a/1", greeting("before"));
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertThat(store.keys()).isEmpty();
    assertThatThrownBy(() -> store.read("a/1", GREETING)).hasMessage("objects/a/1 is missing");
    put("a/2", greeting("after"));
    assertThat(store.read("a/2", GREETING)).isEqualTo("after");
  }
}
