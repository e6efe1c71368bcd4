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

  /** The files of the sample: interactions, items and users, and the first two as an ECOMMERCE group takes them. */
  record CsvFiles(Path interactions, Path items, Path users, Path ecommerceInteractions, Path ecommerceItems) {}

  static CsvFiles write(ShopSample sample, Path folder) throws IOException {
    Files.createDirectories(folder);
    CsvFiles files = new CsvFiles(folder.resolve("interactions.csv"), folder.resolve("items.csv"), folder.resolve("users.csv"),
        folder.resolve("ecommerce-interactions.csv"), folder.resolve("ecommerce-items.csv"));
    try (Writer w = newWriter(files.interactions())) {
      sample.writeInteractions(w);
    }
    try (Writer w = newWriter(files.items())) {
      sample.writeItems(w);
    }
    try (Writer w = newWriter(files.users())) {
      sample.writeUsers(w);
    }
    try (Writer w = newWriter(files.ecommerceInteractions())) {
      sample.writeEcommerceInteractions(w);
    }
    try (Writer w = newWriter(files.ecommerceItems())) {
      sample.writeEcommerceItems(w);
    }
    return files;
  }

  private static Writer newWriter(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }
}
