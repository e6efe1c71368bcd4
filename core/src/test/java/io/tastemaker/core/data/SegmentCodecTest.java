package io.tastemaker.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.io.FormatException;
import io.tastemaker.core.schema.DatasetType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentCodecTest {
  private static Segment sample() {
    StringColumn.Builder users = new StringColumn.Builder("USER_ID");
    LongColumn.Builder times = new LongColumn.Builder("TIMESTAMP");
    DoubleColumn.Builder values = new DoubleColumn.Builder("EVENT_VALUE");
    BooleanColumn.Builder flags = new BooleanColumn.Builder("FLAG");
    for (int i = 0; i < 100_000; i++) {
      users.append("user-" + (i % 977));
      times.append(1_700_000_000L + i);
      if (i % 3 == 0) {
        values.appendNull();
        flags.appendNull();
      } else {
        values.append(i * 0.5);
        flags.append(i % 2 == 0);
      }
    }
    return new Segment(DatasetType.INTERACTIONS, 100_000, List.of(users.build(), times.build(), values.build(), flags.build()));
  }

  private static byte[] encode(Segment s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SegmentCodec.write(s, out);
    return out.toByteArray();
  }

  @Test
  void a_segment_reads_back_equal() throws Exception {
    Segment s = sample();
    assertThat(SegmentCodec.read(new ByteArrayInputStream(encode(s)), "s")).isEqualTo(s);
  }

  @Test
  void a_flipped_bit_is_caught_by_the_checksum() throws Exception {
    byte[] bytes = encode(sample());
    bytes[bytes.length / 2] ^= 1;
    assertThatThrownBy(() -> SegmentCodec.read(new ByteArrayInputStream(bytes), "seg-1"))
        .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.CORRUPT))
        .hasMessageContaining("seg-1 is corrupt");
  }

  @Test
  void a_truncated_file_is_corrupt() throws Exception {
    byte[] bytes = encode(sample());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 100);
    assertThatThrownBy(() -> SegmentCodec.read(new ByteArrayInputStream(truncated), "s")).isInstanceOf(FormatException.class);
  }

  @Test
  void a_newer_version_is_refused_as_too_new() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (io.tastemaker.core.io.BinaryWriter w = new io.tastemaker.core.io.BinaryWriter(out, SegmentCodec.FORMAT, SegmentCodec.VERSION + 1)) {
      w.writeString("INTERACTIONS");
      w.finish();
    }
    assertThatThrownBy(() -> SegmentCodec.read(new ByteArrayInputStream(out.toByteArray()), "s"))
        .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.TOO_NEW))
        .hasMessageContaining("upgrade Tastemaker");
  }

  @Test
  void bytes_that_pass_the_checksum_but_make_no_segment_are_corrupt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (io.tastemaker.core.io.BinaryWriter w = new io.tastemaker.core.io.BinaryWriter(out, SegmentCodec.FORMAT, SegmentCodec.VERSION)) {
      w.writeString("INTERACTIONS");
      w.writeInt(10);
      w.writeInt(-3);
      w.finish();
    }
    assertThatThrownBy(() -> SegmentCodec.read(new ByteArrayInputStream(out.toByteArray()), "s"))
        .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.CORRUPT))
        .hasMessageStartingWith("s does not hold a valid segment");
  }
}
