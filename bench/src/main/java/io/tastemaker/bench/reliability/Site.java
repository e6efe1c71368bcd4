package io.tastemaker.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.wire.Shape;

/**
 * A place in a request a mutation can spoil: the parent node, the member name or map key (or list
 * index), its shape and path, whether it is a structure's member (not a list element or map entry)
 * and whether it must be present (or, for elements and entries, must not be null).
 */
record Site(JsonNode parent, String field, int index, Shape shape, String path, boolean member, boolean required) {
  JsonNode get() {
    return parent instanceof ObjectNode o ? o.get(field) : parent.get(index);
  }

  /** Puts {@code value} here; returns {@code path=value} for the report. */
  String replace(JsonNode value) {
    if (parent instanceof ObjectNode o) {
      o.set(field, value);
    } else {
      ((ArrayNode) parent).set(index, value);
    }
    String shown = value.isTextual() ? value.asText() : value.toString();
    return path + "=" + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown);
  }
}
