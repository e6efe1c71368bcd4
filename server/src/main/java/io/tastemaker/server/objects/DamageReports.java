package io.tastemaker.server.objects;

import io.tastemaker.core.io.FormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/** The damaged objects a store has logged, with what was wrong, so that each is logged once and its recovery once. */
final class DamageReports {
  private final Logger log;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  DamageReports(Logger log) {
    this.log = log;
  }

  /** Opens an object's stream. */
  interface Opener {
    InputStream open() throws IOException;
  }

  /**
   * Opens and decodes an object, reporting it damaged when it is missing ({@link NoSuchFileException}),
   * malformed ({@link FormatException}) or cannot be read; a good read clears an earlier report.
   */
  <T> T decode(String key, String file, Opener opener, ObjectStore.Decoder<T> decoder) {
    T value;
    try (InputStream in = opener.open()) {
      value = decoder.decode(in, file);
    } catch (NoSuchFileException e) {
      throw report(DamagedObjectException.missing(key, file));
    } catch (FormatException e) {
      throw report(DamagedObjectException.of(key, e));
    } catch (IOException e) {
      throw report(DamagedObjectException.unreadable(key, file, e));
    }
    readable(key, file);
    return value;
  }

  /** Logs a damaged object the first time it is seen this way; returns it to throw. */
  DamagedObjectException report(DamagedObjectException e) {
    if (reported.add(e.key() + "\n" + e.getMessage())) {
      log.warn("stored object damaged: {} (logged once; the resources that need it report it in their failureReason)", e.getMessage());
    }
    return e;
  }

  /** Notes that an object read well, logging it when it had been reported damaged. */
  void readable(String key, String file) {
    if (!reported.isEmpty() && reported.removeIf(r -> r.startsWith(key + "\n"))) {
      log.info("{} is readable again", file);
    }
  }
}
