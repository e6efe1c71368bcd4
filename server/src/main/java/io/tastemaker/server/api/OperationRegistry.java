package io.tastemaker.server.api;

import io.tastemaker.server.objects.DiskSpace;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations the server implements, by name. An operation that fails because the data
 * directory's disk is full answers {@code ServiceUnavailableException} saying so, not an internal
 * failure: the request was fine, and the same call works once there is room.
 */
public final class OperationRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(OperationRegistry.class);
  private final Map<String, Operation> operations = new HashMap<>();
  private final DiskSpace disk;

  public OperationRegistry(DiskSpace disk) {
    this.disk = disk;
  }

  public void register(String name, Operation operation) {
    if (operations.putIfAbsent(name, operation) != null) {
      throw new IllegalArgumentException("operation registered twice: " + name);
    }
  }

  public Optional<Operation> find(String name) {
    return Optional.ofNullable(operations.get(name)).map(this::guarded);
  }

  private Operation guarded(Operation operation) {
    return input -> {
      try {
        return operation.call(input);
      } catch (ApiException e) {
        throw e;
      } catch (RuntimeException e) {
        Optional<String> full = disk.describe(e);
        if (full.isPresent()) {
          LOG.warn("a write was refused: {} ({})", full.get(), e.toString());
          throw new ApiException(ErrorType.SERVICE_UNAVAILABLE, full.get());
        }
        throw e;
      }
    };
  }

  public Set<String> names() {
    return Set.copyOf(operations.keySet());
  }
}
