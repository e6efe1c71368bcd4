package io.tastemaker.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The access keys this server accepts: access key id to secret access key. */
public final class CredentialStore {
  private final Map<String, String> secrets;

  private CredentialStore(Map<String, String> secrets) {
    this.secrets = Map.copyOf(secrets);
  }

  /**
   * Reads a credentials file: one {@code ACCESS_KEY_ID SECRET_ACCESS_KEY} pair a line, separated by
   * whitespace. A {@code #} at the start of a line or after whitespace starts a comment; blank
   * lines are ignored.
   *
   * @throws IllegalArgumentException for a malformed line or a repeated access key id, naming the
   *     file and line (never the secret)
   * @throws IOException if the file cannot be read
   */
  public static CredentialStore load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, String> secrets = new HashMap<>();
    Map<String, Integer> lineOfKey = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNumber = i + 1;
      String content = withoutComment(lines.get(i)).strip();
      if (content.isEmpty()) {
        continue;
      }
      String[] fields = content.split("\\s+");
      if (fields.length != 2) {
        // Counting the fields rather than quoting the line keeps a secret out of logs.
        throw invalid(
            file,
            lineNumber,
            "expected 'ACCESS_KEY_ID SECRET_ACCESS_KEY', found " + fields.length + " fields");
      }
      String keyId = fields[0];
      Optional<String> problem = keyIdProblem(keyId);
      if (problem.isPresent()) {
        throw invalid(file, lineNumber, problem.get());
      }
      Integer firstLine = lineOfKey.putIfAbsent(keyId, lineNumber);
      if (firstLine != null) {
        throw invalid(
            file,
            lineNumber,
            "duplicate access key id " + keyId + " (first on line " + firstLine + ")");
      }
      secrets.put(keyId, fields[1]);
    }
    return new CredentialStore(secrets);
  }

  /** A store holding exactly these access key ids and secrets. */
  public static CredentialStore of(Map<String, String> secrets) {
    secrets.forEach(
        (keyId, secret) -> {
          Objects.requireNonNull(keyId, "access key id");
          Objects.requireNonNull(secret, "secret of " + keyId);
          Optional<String> problem = keyIdProblem(keyId);
          if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
          }
          if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret of access key id " + keyId + " is empty");
          }
        });
    return new CredentialStore(secrets);
  }

  /** Whether no access key is configured. */
  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** The secret access key of an access key id, if the id is known. */
  public Optional<String> secretFor(String accessKeyId) {
    return Optional.ofNullable(secrets.get(Objects.requireNonNull(accessKeyId, "accessKeyId")));
  }

  @Override
  public String toString() {
    return "CredentialStore[" + secrets.size() + " access keys]";
  }

  private static IllegalArgumentException invalid(Path file, int lineNumber, String problem) {
    return new IllegalArgumentException(file + ":" + lineNumber + ": " + problem);
  }

  private static String withoutComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** Why an access key id could never appear in a SigV4 credential scope, if it could not. */
  private static Optional<String> keyIdProblem(String keyId) {
    if (keyId.isEmpty()) {
      return Optional.of("access key id is empty");
    }
    for (int i = 0; i < keyId.length(); i++) {
      char c = keyId.charAt(i);
      if (c == '/'
          || c == ','
          || c == '='
          || Character.isWhitespace(c)
          || Character.isISOControl(c)) {
        return Optional.of(
            String.format(
                "access key id '%s' must not contain '/', ',', '=', whitespace or control"
                    + " characters: they cannot appear in the Credential of an Authorization"
                    + " header",
                keyId));
      }
    }
    return Optional.empty();
  }
}
