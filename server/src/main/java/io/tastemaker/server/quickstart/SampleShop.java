package io.tastemaker.server.quickstart;

import io.tastemaker.core.sample.ShopSample;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the generated sample shop as Personalize CSV files, ready to import. */
final class SampleShop {
  private SampleShop() {}

  /** The three files of the sample: interactions, items and users. */
  record Files3(Path interactions, Path items, Path users) {}

  static Files3 write(ShopSample sample, Path folder) throws IOException {
    Files.createDirectories(folder);
    Files3 files = new Files3(folder.resolve("interactions.csv"), folder.resolve("items.csv"), folder.resolve("users.csv"));
    try (Writer w = Files.newBufferedWriter(files.interactions(), StandardCharsets.UTF_8)) {
      sample.writeInteractions(w);
    }
    try (Writer w = Files.newBufferedWriter(files.items(), StandardCharsets.UTF_8)) {
      sample.writeItems(w);
    }
    try (Writer w = Files.newBufferedWriter(files.users(), StandardCharsets.UTF_8)) {
      sample.writeUsers(w);
    }
    return files;
  }
}
