package io.tastemaker.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.wire.OperationSpec;
import io.tastemaker.server.wire.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Walks a request with its wire-model shapes to list the {@link Site}s a mutation can spoil. */
final class RequestSites {
  private RequestSites() {}

  /** Every member present in the request, with its shape. */
  static List<Site> of(RequestGenerator generator, OperationSpec op, ObjectNode body) {
    List<Site> out = new ArrayList<>();
    walk(generator, op, body, generator.shape(op, op.inputShape()), "", out);
    return out;
  }

  private static void walk(RequestGenerator generator, OperationSpec op, JsonNode node, Shape shape, String path, List<Site> out) {
    switch (shape.type()) {
      case "structure" -> {
        for (String name : new TreeSet<>(shape.members().keySet())) {
          if (node.has(name)) {
            Shape target = generator.shape(op, shape.members().get(name).target());
            String where = path.isEmpty() ? name : path + "." + name;
            out.add(new Site(node, name, -1, target, where, true, shape.required().contains(name)));
            walk(generator, op, node.get(name), target, where, out);
          }
        }
      }
      case "list" -> {
        Shape element = generator.shape(op, shape.element().orElseThrow());
        for (int i = 0; i < node.size(); i++) {
          out.add(new Site(node, null, i, element, path + "[" + i + "]", false, true));
          walk(generator, op, node.get(i), element, path + "[" + i + "]", out);
        }
      }
      case "map" -> {
        Shape value = generator.shape(op, shape.element().orElseThrow());
        for (String key : names(node)) {
          out.add(new Site(node, key, -1, value, path + "." + key, false, true));
        }
      }
      default -> {
        // A scalar: nothing inside.
      }
    }
  }

  /** Copies the members of {@code from} that {@code to} lacks, at every depth. */
  static void addAbsent(ObjectNode to, ObjectNode from) {
    for (String name : names(from)) {
      JsonNode have = to.get(name);
      if (have == null) {
        to.set(name, from.get(name));
      } else if (have instanceof ObjectNode inner && from.get(name) instanceof ObjectNode more) {
        addAbsent(inner, more);
      }
    }
  }

  /** The member names of a JSON object, sorted. */
  static TreeSet<String> names(JsonNode object) {
    TreeSet<String> names = new TreeSet<>();
    object.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }

}
