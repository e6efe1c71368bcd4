package io.tastemaker.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the server's log for what a report needs: the exception behind a request id, the errors logged. */
final class ServerLog {
  private final Path file;

  ServerLog(Path file) {
    this.file = file;
  }

  private List<String> lines() {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The first exception line logged after the line naming {@code requestId}. */
  Optional<String> exceptionOf(String requestId) {
    List<String> lines = lines();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(requestId)) {
        for (int j = i + 1; j < Math.min(lines.size(), i + 4); j++) {
          String line = lines.get(j).strip();
          if (!line.startsWith("at ") && !line.isEmpty()) {
            return Optional.of(line);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Log lines at ERROR level, and the exception line after each, from line {@code from} on. */
  List<String> errors(int from) {
    List<String> lines = lines();
    List<String> out = new ArrayList<>();
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).contains(" ERROR ") || lines.get(i).contains("OutOfMemoryError") || lines.get(i).startsWith("#")) {
        out.add(lines.get(i) + (i + 1 < lines.size() && !lines.get(i + 1).strip().startsWith("at ") ? " | " + lines.get(i + 1).strip() : ""));
      }
    }
    return out;
  }

  int lineCount() {
    return lines().size();
  }
}
