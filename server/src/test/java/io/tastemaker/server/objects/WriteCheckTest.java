package io.tastemaker.server.objects;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteCheckTest {
  @TempDir Path dir;

  @Test
  void write_check_compares_length_and_checksum() throws Exception {
    Path file = dir.resolve("out.json");
    WriteCheck check = new WriteCheck();
    try (OutputStream out = check.wrap(Files.newOutputStream(file))) {
      out.write("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
      out.write('x');
    }
    check.verify(file, "out.json");
    Files.writeString(file, "{\"a\":2}\nx");
    assertThatThrownBy(() -> check.verify(file, "s3://bucket/out.json"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the file written for s3://bucket/out.json does not hold what was written (9 bytes with CRC-32C");
  }
}
