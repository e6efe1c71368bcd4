package io.tastemaker.server.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One stored resource: identity, lifecycle and the wire attributes particular to its kind.
 *
 * @param arn the resource's ARN
 * @param kind what it is
 * @param name its name ({@code jobName} for jobs)
 * @param parentArn the resource it is listed under (group, dataset, solution or solution version)
 * @param datasetGroupArn the dataset group it belongs to
 * @param status its lifecycle status; schemas have none
 * @param failureReason why it failed, once it has
 * @param createdAt creation time
 * @param updatedAt last update time
 * @param attributes kind-specific wire members, such as a solution's {@code recipeArn}
 */
public record Resource(
    String arn,
    ResourceKind kind,
    String name,
    Optional<String> parentArn,
    Optional<String> datasetGroupArn,
    Optional<String> status,
    Optional<String> failureReason,
    Instant createdAt,
    Instant updatedAt,
    ObjectNode attributes) {

  public Resource {
    attributes = attributes.deepCopy();
  }

  /** The status, or the empty string for kinds without one. */
  public String statusOrEmpty() {
    return status.orElse("");
  }

  public boolean hasStatus(String expected) {
    return status.isPresent() && status.get().equals(expected);
  }

  /** A text attribute, empty when absent. */
  public Optional<String> text(String attribute) {
    return attributes.hasNonNull(attribute) ? Optional.of(attributes.get(attribute).asText()) : Optional.empty();
  }

  @Override
  public ObjectNode attributes() {
    return attributes.deepCopy();
  }

  /** The same resource with other attributes, updated at {@code at}. */
  public Resource withAttributes(ObjectNode newAttributes, Instant at) {
    return new Resource(arn, kind, name, parentArn, datasetGroupArn, status, failureReason, createdAt, at, newAttributes);
  }

  public Resource withStatus(String newStatus, Optional<String> reason, Instant at) {
    return new Resource(arn, kind, name, parentArn, datasetGroupArn, Optional.of(newStatus), reason, createdAt, at, attributes);
  }
}
