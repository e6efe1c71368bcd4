package io.tastemaker.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryReaderTest {
  private static final int FLOATS = 300_000;

  /** A file of {@value #FLOATS} seeded floats, larger than the streaming check's buffer. */
  private static byte[] sample() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    float[] values = new float[FLOATS];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BinaryWriter w = new BinaryWriter(out, "weights", 3)) {
      w.writeString("hello");
      w.writeFloats(values);
      w.finish();
    }
    return out.toByteArray();
  }

  private static BinaryReader open(byte[] bytes) throws Exception {
    return BinaryReader.open(new ByteArrayInputStream(bytes), "f.bin", "weights", 1, 3);
  }

  private static BinaryReader.Header check(byte[] bytes) throws Exception {
    return BinaryReader.check(new ByteArrayInputStream(bytes), "f.bin");
  }

  @Test
  void a_whole_file_reads_back_and_checks_without_decoding() throws Exception {
    byte[] bytes = sample();
    BinaryReader reader = open(bytes);
    assertThat(reader.readString()).isEqualTo("hello");
    assertThat(reader.readFloats()).hasSize(FLOATS);
    reader.expectEnd();
    assertThat(check(bytes)).isEqualTo(new BinaryReader.Header("weights", 3, bytes.length));
  }

  @Test
  void sixty_four_bytes_overwritten_in_the_middle_fail_the_checksum() throws Exception {
    byte[] bytes = sample();
    Arrays.fill(bytes, bytes.length / 2, bytes.length / 2 + 64, (byte) 0x5A);
    assertThatThrownBy(() -> open(bytes)).isInstanceOf(FormatException.class).hasMessage("f.bin is corrupt: its checksum does not match its content");
    assertThatThrownBy(() -> check(bytes)).isInstanceOf(FormatException.class).hasMessage("f.bin is corrupt: its checksum does not match its content");
  }

  @Test
  void sixty_four_bytes_overwritten_at_the_start_lose_the_magic_number() throws Exception {
    byte[] bytes = sample();
    Arrays.fill(bytes, 0, 64, (byte) 0);
    assertThatThrownBy(() -> open(bytes)).hasMessage("f.bin is not a Tastemaker file (bad magic number)");
    assertThatThrownBy(() -> check(bytes)).hasMessage("f.bin is not a Tastemaker file (bad magic number)");
  }

  @Test
  void a_file_cut_in_half_is_corrupt() throws Exception {
    byte[] half = Arrays.copyOf(sample(), sample().length / 2);
    assertThatThrownBy(() -> open(half))
        .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.CORRUPT))
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> check(half)).hasMessageContaining("checksum");
  }

  @Test
  void an_empty_file_says_it_is_empty() {
    assertThatThrownBy(() -> open(new byte[0])).hasMessage("f.bin is empty (0 bytes)");
    assertThatThrownBy(() -> check(new byte[0])).hasMessage("f.bin is empty (0 bytes)");
    assertThatThrownBy(() -> open(new byte[9])).hasMessage("f.bin is not a whole weights file: only 9 bytes");
  }

  @Test
  void a_file_of_another_format_or_a_newer_version_is_refused_by_name() throws Exception {
    byte[] bytes = sample();
    assertThatThrownBy(() -> BinaryReader.open(new ByteArrayInputStream(bytes), "f.bin", "model", 1, 3)).hasMessage("f.bin is a weights file, expected model");
    assertThatThrownBy(() -> BinaryReader.open(new ByteArrayInputStream(bytes), "f.bin", "weights", 1, 2))
        .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.TOO_NEW));
  }
}
