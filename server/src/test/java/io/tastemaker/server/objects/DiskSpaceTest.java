package io.tastemaker.server.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DiskSpaceTest {
  private final AtomicLong free = new AtomicLong(10L << 30);
  private final DiskSpace disk = new DiskSpace(free::get);

  @Test
  void a_full_disk_is_recognised_in_any_of_its_spellings_and_causes() {
    assertThat(DiskSpace.isDiskFull(new IOException("No space left on device"))).isTrue();
    assertThat(DiskSpace.isDiskFull(new FileSystemException("/data/objects/.staging/x.part", null, "No space left on device"))).isTrue();
    assertThat(DiskSpace.isDiskFull(new IllegalStateException("the events could not be stored", new UncheckedIOException(new IOException("No space left on device"))))).isTrue();
    assertThat(DiskSpace.isDiskFull(new RuntimeException(new SQLException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)", null, 13)))).isTrue();
    assertThat(DiskSpace.isDiskFull(new SQLException("could not extend file", "53100"))).isTrue();
    assertThat(DiskSpace.isDiskFull(new IOException("Permission denied"))).isFalse();
    assertThat(DiskSpace.isDiskFull(new SQLException("[SQLITE_BUSY] The database file is locked", null, 5))).isFalse();
    assertThat(DiskSpace.isDiskFull(new IllegalArgumentException("No space left on device"))).as("only I/O and SQL failures").isFalse();
  }

  @Test
  void a_failure_on_a_full_disk_says_so_with_the_free_bytes() {
    free.set(4096);
    assertThat(disk.describe(new IOException("No space left on device"))).contains(
        "The data directory's disk is full: 4096 bytes (4.0 KiB) free. Free some space or move the data directory to a larger disk, then try again.");
    assertThat(disk.describe(new IOException("Connection reset"))).isEmpty();
  }

  @Test
  void a_failure_after_which_the_work_cleaned_up_says_the_disk_filled_up() {
    free.set(5L << 30);
    assertThat(disk.describe(new IOException("No space left on device"))).contains(
        "The data directory's disk filled up while this was written; 5368709120 bytes (5.0 GiB) are free now. "
            + "Free some space or move the data directory to a larger disk, then try again.");
  }

  @Test
  void the_server_is_writable_while_the_reserve_is_free() {
    free.set(DiskSpace.RESERVE_BYTES);
    assertThat(disk.writable()).isTrue();
    assertThat(disk.unwritableReason()).isEmpty();
    free.set(DiskSpace.RESERVE_BYTES - 1);
    assertThat(disk.writable()).isFalse();
    assertThat(disk.unwritableReason()).contains(
        "The data directory's disk is full: 1048575 bytes (1024.0 KiB) free. Free some space or move the data directory to a larger disk, then try again.");
  }

  @Test
  void with_the_objects_in_s3_work_needs_only_the_database_s_reserve_on_disk() {
    DiskSpace databaseOnly = new DiskSpace(free::get, false);
    free.set(3_000_000);
    assertThat(databaseOnly.lacking(1L << 40, "importing a terabyte of CSV", "2 times the input")).as("the segments go to the bucket").isEmpty();
    free.set(DiskSpace.RESERVE_BYTES - 1);
    assertThat(databaseOnly.lacking(1, "x", "y")).hasValueSatisfying(m -> assertThat(m).startsWith("The data directory's disk is full: "));
  }

  @Test
  void work_that_needs_more_than_is_free_is_told_how_much_in_words() {
    free.set(3_000_000);
    assertThat(disk.lacking(1_000_000, "importing 500000 bytes of CSV", "2 times the input")).isEmpty();
    assertThat(disk.lacking(3_000_000 - DiskSpace.RESERVE_BYTES, "x", "y")).isEmpty();
    assertThat(disk.lacking(3_000_000 - DiskSpace.RESERVE_BYTES + 1, "importing 1000000 bytes of CSV", "2 times the input")).contains(
        "Not enough free space on the data directory's disk: importing 1000000 bytes of CSV needs about 3000001 bytes (2.9 MiB)"
            + " (2 times the input, plus 1048576 bytes (1.0 MiB) to spare), and 3000000 bytes (2.9 MiB) are free."
            + " Free some space or move the data directory to a larger disk, then try again.");
  }

  @Test
  void when_free_space_cannot_be_read_nothing_is_refused_for_it() {
    DiskSpace unknown = new DiskSpace(() -> {
      throw new IOException("no file store");
    });
    assertThat(unknown.freeBytes()).isEmpty();
    assertThat(unknown.writable()).isTrue();
    assertThat(unknown.lacking(Long.MAX_VALUE / 2, "x", "y")).isEmpty();
    assertThat(unknown.describe(new IOException("No space left on device"))).contains(
        "The data directory's disk is full. Free some space or move the data directory to a larger disk, then try again.");
  }

  @Test
  void amounts_show_the_exact_bytes_and_a_readable_unit() {
    assertThat(DiskSpace.amount(0)).isEqualTo("0 bytes");
    assertThat(DiskSpace.amount(1023)).isEqualTo("1023 bytes");
    assertThat(DiskSpace.amount(1536)).isEqualTo("1536 bytes (1.5 KiB)");
    assertThat(DiskSpace.amount(8L << 20)).isEqualTo("8388608 bytes (8.0 MiB)");
  }
}
