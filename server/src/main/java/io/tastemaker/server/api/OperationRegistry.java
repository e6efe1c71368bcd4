package io.tastemaker.server.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The operations the server implements, by name. */
public final class OperationRegistry {
  private final Map<String, Operation> operations = new HashMap<>();

  public void register(String name, Operation operation) {
    if (operations.putIfAbsent(name, operation) != null) {
      throw new IllegalArgumentException("operation registered twice: " + name);
    }
  }

  public Optional<Operation> find(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  public Set<String> names() {
    return Set.copyOf(operations.keySet());
  }
}
