package io.tastemaker.server.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.HashSet;
import java.util.regex.Pattern;

/**
 * The request shapes of every served operation, read from {@code personalize.model}.
 *
 * <p>The model file is generated from the Personalize service models by {@code
 * tools/gen_wire_model.py}; each of the three services has its own shape namespace.
 */
public final class WireModel {
  private static final String RESOURCE = "personalize.model";

  private final Map<String, OperationSpec> controlOperations = new HashMap<>();
  private final Map<String, OperationSpec> routes = new HashMap<>();
  private final Set<String> unsupported = new HashSet<>();
  private final Map<String, Map<String, Shape>> shapes = new HashMap<>();

  private WireModel() {}

  /** Loads the model bundled with the server. */
  public static WireModel load() {
    try (InputStream in = WireModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WireModel parse(List<String> lines) {
    WireModel model = new WireModel();
    String service = null;
    Protocol protocol = null;
    int number = 0;
    for (String raw : lines) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split(" ");
      try {
        switch (words[0]) {
          case "service" -> {
            service = words[1];
            protocol = Protocol.parse(words[2]);
            model.shapes.put(service, new HashMap<>());
          }
          case "op" -> model.addOperation(requireService(service), protocol, words);
          case "unsupported" -> model.unsupported.add(words[1]);
          case "shape" -> {
            Shape shape = parseShape(line);
            model.shapes.get(requireService(service)).put(shape.name(), shape);
          }
          default -> throw new IllegalArgumentException("unknown directive " + words[0]);
        }
      } catch (RuntimeException e) {
        throw new IllegalStateException(RESOURCE + " line " + number + ": " + e.getMessage(), e);
      }
    }
    model.checkReferences();
    return model;
  }

  private static String requireService(String service) {
    if (service == null) {
      throw new IllegalArgumentException("no service declared yet");
    }
    return service;
  }

  private void addOperation(String service, Protocol protocol, String[] words) {
    String last = words[words.length - 1];
    if (!last.startsWith("errors=")) {
      throw new IllegalArgumentException("op " + words[1] + " lists no errors=");
    }
    Set<ErrorType> errors = new HashSet<>();
    for (String name : last.substring("errors=".length()).split("\\|")) {
      errors.add(ErrorType.ofWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown error type " + name)));
    }
    if (protocol == Protocol.AWS_JSON_1_1) {
      controlOperations.put(
          words[1], new OperationSpec(service, words[1], words[2], protocol, "POST", "/", errors));
    } else {
      OperationSpec spec = new OperationSpec(service, words[1], words[2], protocol, words[3], words[4], errors);
      routes.put(words[3] + " " + words[4], spec);
    }
  }

  private static Shape parseShape(String line) {
    int patternAt = line.indexOf(" pattern=");
    Optional<Pattern> pattern = Optional.empty();
    if (patternAt >= 0) {
      pattern = Optional.of(Pattern.compile(line.substring(patternAt + " pattern=".length())));
      line = line.substring(0, patternAt);
    }
    String[] words = line.split(" ");
    String name = words[1];
    String type = words[2];
    Map<String, Shape.Member> members = new LinkedHashMap<>();
    Set<String> required = new HashSet<>();
    Optional<String> element = Optional.empty();
    Optional<String> key = Optional.empty();
    OptionalDouble min = OptionalDouble.empty();
    OptionalDouble max = OptionalDouble.empty();
    List<String> allowed = List.of();
    for (String word : Arrays.copyOfRange(words, 3, words.length)) {
      int eq = word.indexOf('=');
      String attribute = word.substring(0, eq);
      String value = word.substring(eq + 1);
      if (type.equals("structure")) {
        boolean isRequired = attribute.endsWith("*");
        String member = isRequired ? attribute.substring(0, attribute.length() - 1) : attribute;
        boolean json = value.endsWith("!json");
        members.put(member, new Shape.Member(json ? value.substring(0, value.length() - 5) : value, json));
        if (isRequired) {
          required.add(member);
        }
        continue;
      }
      switch (attribute) {
        case "member", "value" -> element = Optional.of(value);
        case "key" -> key = Optional.of(value);
        case "min" -> min = OptionalDouble.of(Double.parseDouble(value));
        case "max" -> max = OptionalDouble.of(Double.parseDouble(value));
        case "enum" -> allowed = List.of(value.split("\\|"));
        default -> throw new IllegalArgumentException("unknown attribute " + attribute);
      }
    }
    return new Shape(name, type, members, required, element, key, min, max, allowed, pattern);
  }

  private void checkReferences() {
    List<String> missing = new ArrayList<>();
    shapes.forEach(
        (service, byName) ->
            byName.values()
                .forEach(
                    shape -> {
                      shape.members().values().forEach(m -> check(service, m.target(), missing));
                      shape.element().ifPresent(s -> check(service, s, missing));
                      shape.key().ifPresent(s -> check(service, s, missing));
                    }));
    controlOperations.values().forEach(op -> check(op.service(), op.inputShape(), missing));
    routes.values().forEach(op -> check(op.service(), op.inputShape(), missing));
    if (!missing.isEmpty()) {
      throw new IllegalStateException(RESOURCE + " refers to undefined shapes " + missing);
    }
  }

  private void check(String service, String shape, List<String> missing) {
    if (!shapes.get(service).containsKey(shape)) {
      missing.add(service + ":" + shape);
    }
  }

  /** The control-plane operation named in {@code X-Amz-Target}, if the server serves it. */
  public Optional<OperationSpec> controlOperation(String name) {
    return Optional.ofNullable(controlOperations.get(name));
  }

  /** The runtime or events operation bound to a method and path. */
  public Optional<OperationSpec> route(String method, String path) {
    return Optional.ofNullable(routes.get(method + " " + path));
  }

  /** Whether an operation exists in Personalize but is not served by Tastemaker. */
  public boolean isUnsupported(String operation) {
    return unsupported.contains(operation);
  }

  /** Every served operation. */
  public List<OperationSpec> operations() {
    List<OperationSpec> all = new ArrayList<>(controlOperations.values());
    all.addAll(routes.values());
    return all;
  }

  /** A shape of one service. */
  public Shape shape(String service, String name) {
    Shape shape = shapes.get(service).get(name);
    if (shape == null) {
      throw new IllegalArgumentException("no shape " + name + " in " + service);
    }
    return shape;
  }
}
