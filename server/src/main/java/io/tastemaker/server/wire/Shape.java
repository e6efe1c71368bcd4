package io.tastemaker.server.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One shape of the wire model: its type and the constraints the server enforces.
 *
 * @param name the shape's model name
 * @param type string, integer, long, float, double, boolean, timestamp, structure, list or map
 * @param members structure members in model order, by wire name
 * @param required the structure's required members
 * @param element the list member shape, or the map value shape
 * @param key the map key shape
 * @param min minimum length, size or value
 * @param max maximum length, size or value
 * @param allowed the enum values, empty when any value goes
 * @param pattern the pattern a string must match in full
 */
public record Shape(
    String name,
    String type,
    Map<String, Member> members,
    Set<String> required,
    Optional<String> element,
    Optional<String> key,
    OptionalDouble min,
    OptionalDouble max,
    List<String> allowed,
    Optional<Pattern> pattern) {

  public Shape {
    members = Map.copyOf(members);
    required = Set.copyOf(required);
    allowed = List.copyOf(allowed);
  }

  /** A structure member: the shape it targets, and whether it carries JSON inside a string. */
  public record Member(String target, boolean jsonValue) {}
}
