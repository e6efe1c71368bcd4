package io.tastemaker.server.objects;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The local folders that data locations may reach: the operator's {@code --local-data} roots.
 *
 * <p>Every check is on real paths (after symlinks and {@code ..}): a path is allowed when it lies in
 * a root and not in {@code /proc}, {@code /sys} or {@code /dev}. The server's data directory is cut
 * out of every root that contains it; only a root that itself lies inside the data directory (the
 * quickstart's sample folder) reaches into it, and never into its {@code objects} folder.
 */
public final class LocalDataRoots {
  private static final List<Path> SYSTEM = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

  private final List<Path> roots;
  private final Path dataDir;

  /**
   * @param roots the allowed folders; each is resolved to its real path whenever it is used, so a
   *     folder that does not exist yet (the quickstart's sample) counts once it does
   * @param dataDir the server's data directory
   */
  public LocalDataRoots(List<Path> roots, Path dataDir) {
    this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
  }

  /**
   * The local path a location names: a {@code file:} URI, percent-decoded, or an absolute path.
   *
   * @throws LocationException for another scheme, a malformed URI, or a {@code ..} segment
   */
  public static Path parse(String location) throws LocationException {
    Path path;
    try {
      if (location.startsWith("file:")) {
        path = Path.of(new URI(location));
      } else if (location.startsWith("/")) {
        path = Path.of(location);
      } else {
        throw new LocationException(location + " is not a supported location; use s3://bucket/key, file:///path or an absolute path.");
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      // InvalidPathException is an IllegalArgumentException too (a NUL byte, say).
      String why = e instanceof InvalidPathException invalid ? invalid.getReason() : e.getMessage();
      throw new LocationException(location + " is not a valid file location (" + why + "); write file:///absolute/path.");
    }
    for (Path name : path) {
      if (name.toString().equals("..")) {
        throw new LocationException(location + " contains '..'; name the folder or file directly.");
      }
    }
    return path.normalize();
  }

  /**
   * Where a path leads: its real path when it exists, else its nearest existing ancestor's real
   * path with the missing names appended (they hold no symlinks, since they do not exist).
   */
  private static Path resolve(Path path, String location) throws LocationException {
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new LocationException(location + " cannot be resolved.");
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (NoSuchFileException e) {
      throw new LocationException(location + " cannot be resolved: a symbolic link on the way leads nowhere.");
    } catch (IOException e) {
      throw new LocationException(location + " cannot be resolved: " + e.getClass().getSimpleName() + ".");
    }
    while (!missing.isEmpty()) {
      real = real.resolve(missing.pop());
    }
    return real;
  }

  /**
   * Where a path really leads ({@link #resolve}), refused unless a root allows it.
   *
   * @param location the location as the user gave it, for messages (which never show the real path)
   */
  Path allowed(Path path, String location) throws LocationException {
    // Checked before resolving too: /proc's links (/proc/self/fd/0) lead to things that are not files at all.
    refuseSystem(path.toAbsolutePath().normalize(), location);
    Path real = resolve(path, location);
    check(real, location);
    return real;
  }

  private void refuseSystem(Path path, String location) throws LocationException {
    for (Path system : SYSTEM) {
      if (path.startsWith(system)) {
        throw outside(location);
      }
    }
  }

  /** Refuses a real path that no root allows. */
  private void check(Path real, String location) throws LocationException {
    refuseSystem(real, location);
    Path data = realOrSelf(dataDir);
    Path objects = data.resolve("objects");
    boolean inData = real.startsWith(data);
    boolean cutOut = false;
    for (Path configured : roots) {
      Path root = realOrSelf(configured);
      if (!real.startsWith(root) || !Files.isDirectory(root)) {
        continue;
      }
      boolean rootInsideData = root.startsWith(data) && !root.equals(data) && !root.startsWith(objects);
      if (!inData || (rootInsideData && !real.startsWith(objects))) {
        return;
      }
      cutOut = true;
    }
    if (cutOut) {
      throw new LocationException(
          location + " is inside the server's data directory, which no data location may read or write; use s3:// or a path in another allowed folder.");
    }
    throw outside(location);
  }

  private LocationException outside(String location) {
    if (roots.isEmpty()) {
      return new LocationException(
          location + " is a local path, and this server allows no local folders (its operator can name some with --local-data); use s3://bucket/key.");
    }
    String allowed = roots.stream().map(Path::toString).collect(Collectors.joining(", "));
    return new LocationException(
        location + " is outside the folders this server allows with --local-data (" + allowed + "); use s3:// or a path in an allowed folder.");
  }

  private static Path realOrSelf(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }
}
