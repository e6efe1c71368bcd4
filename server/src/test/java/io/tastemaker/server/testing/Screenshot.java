package io.tastemaker.server.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/** A PNG screenshot, decoded, with the few pixel questions a render check asks. */
public final class Screenshot {
  private final BufferedImage image;

  private Screenshot(BufferedImage image) {
    this.image = image;
  }

  public static Screenshot of(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      if (image == null) {
        throw new IllegalArgumentException("not a PNG image (" + png.length + " bytes)");
      }
      return new Screenshot(image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the PNG under {@code target/console-screenshots/} for a person to look at. */
  public static void keep(byte[] png, String name) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "console-screenshots"));
      Files.write(dir.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int width() {
    return image.getWidth();
  }

  public int height() {
    return image.getHeight();
  }

  /** Whether the pixel at (x, y) is within {@code tolerance} of {@code rgb} in each channel. */
  public boolean isColour(int x, int y, int rgb, int tolerance) {
    int pixel = image.getRGB(x, y);
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((pixel >> shift) & 0xff) - ((rgb >> shift) & 0xff)) > tolerance) {
        return false;
      }
    }
    return true;
  }

  /** The number of distinct colours; a blank or failed render has one or two. */
  public int distinctColours() {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colours.size();
  }

  /** The share of pixels in the most common colour (the page's background); 1 for a blank render. */
  public double dominantShare() {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        counts.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
      }
    }
    int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return most / (double) ((long) image.getWidth() * image.getHeight());
  }
}
