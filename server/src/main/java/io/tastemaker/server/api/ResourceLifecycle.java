package io.tastemaker.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The checks and steps every resource shares: lookup, creation, tagging, status and deletion. */
public final class ResourceLifecycle {
  private final ApiContext ctx;

  public ResourceLifecycle(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** The resource of a kind with this ARN, or ResourceNotFoundException. */
  public Resource require(Transaction tx, ResourceKind kind, String arn) throws SQLException {
    Optional<Resource> found = ctx.resources().find(tx, arn);
    if (found.isEmpty() || found.get().kind() != kind) {
      throw ApiException.notFound("Resource " + arn + " does not exist.");
    }
    return found.get();
  }

  /** A resource that requires {@code status}, or ResourceInUseException naming what it is. */
  public Resource requireStatus(Transaction tx, ResourceKind kind, String arn, String status) throws SQLException {
    Resource r = require(tx, kind, arn);
    if (!r.hasStatus(status)) {
      throw ApiException.inUse(
          "The " + kind.label() + " " + arn + " is " + r.statusOrEmpty() + "; it must be " + status + ".");
    }
    return r;
  }

  /**
   * A parent that a new resource may be created under: ACTIVE, or still CREATE PENDING or CREATE
   * IN_PROGRESS, as Personalize accepts (published code calls CreateSolutionVersion right after
   * CreateSolution). The child's job then waits for the parent and fails if the parent does; a
   * parent that failed or is being deleted is ResourceInUseException naming its status.
   */
  public Resource requireLiveParent(Transaction tx, ResourceKind kind, String arn) throws SQLException {
    Resource r = require(tx, kind, arn);
    if (!r.hasStatus(Status.ACTIVE) && !r.hasStatus(Status.CREATE_PENDING) && !r.hasStatus(Status.CREATE_IN_PROGRESS)) {
      String reason = r.failureReason().map(f -> " (" + f + ")").orElse("");
      throw ApiException.inUse(
          "The " + kind.label() + " " + arn + " is " + r.statusOrEmpty() + reason + "; it must be ACTIVE or still being created.");
    }
    return r;
  }

  /** A new resource in its first status, stamped now. */
  public Resource newResource(
      ResourceKind kind, String arn, String name, Optional<String> parentArn, Optional<String> groupArn, ObjectNode attributes) {
    Instant now = ctx.clock().instant();
    Optional<String> status = kind.hasStatus() ? Optional.of(Status.CREATE_PENDING) : Optional.empty();
    return new Resource(arn, kind, name, parentArn, groupArn, status, Optional.empty(), now, now, attributes);
  }

  /**
   * Stores a new resource with its tags and queues the job that brings it to life.
   *
   * @param uniqueName the key no other resource of the kind may hold
   * @param jobType the job to run, or empty for resources that are final at once
   */
  public void insert(Transaction tx, Resource r, String uniqueName, Optional<JsonNode> tags, Optional<String> jobType)
      throws SQLException {
    Map<String, String> tagMap = tags.map(this::tagMap).orElse(Map.of());
    checkTagCount(tagMap.size(), r.arn());
    if (!ctx.resources().insert(tx, r, uniqueName)) {
      throw ApiException.alreadyExists("Another " + r.kind().label() + " with the name " + r.name() + " already exists: " + r.arn() + ".");
    }
    ctx.tags().put(tx, r.arn(), tagMap);
    if (jobType.isPresent()) {
      ctx.jobs().enqueue(tx, jobType.get(), r.arn());
    }
  }

  /** Marks a resource DELETE PENDING and queues its removal. */
  public void requestDeletion(Transaction tx, Resource r) throws SQLException {
    if (r.status().isPresent() && Status.DELETING.contains(r.status().get())) {
      throw ApiException.inUse("The " + r.kind().label() + " " + r.arn() + " is already being deleted.");
    }
    ctx.resources().update(tx, r.withStatus(Status.DELETE_PENDING, Optional.empty(), ctx.clock().instant()));
    ctx.jobs().enqueue(tx, JobTypes.DELETE, r.arn());
  }

  /** Sets a resource's status in its own transaction; a missing resource is ignored. */
  public void setStatus(String arn, String status, Optional<String> reason) {
    ctx.db().write(tx -> {
      Optional<Resource> r = ctx.resources().find(tx, arn);
      if (r.isPresent()) {
        ctx.resources().update(tx, r.get().withStatus(status, reason, ctx.clock().instant()));
      }
      return null;
    });
  }

  /** Adds tags to a resource, enforcing the per-resource limit. */
  public void addTags(Transaction tx, String arn, JsonNode tags) throws SQLException {
    Map<String, String> merged = new LinkedHashMap<>(ctx.tags().tags(tx, arn));
    Map<String, String> added = tagMap(tags);
    merged.putAll(added);
    checkTagCount(merged.size(), arn);
    ctx.tags().put(tx, arn, added);
  }

  private void checkTagCount(int count, String arn) {
    if (count > ctx.quotas().tagKeysPerResource()) {
      throw new ApiException(
          ErrorType.TOO_MANY_TAGS,
          "The resource " + arn + " would have " + count + " tags; at most " + ctx.quotas().tagKeysPerResource() + " are allowed.");
    }
  }

  private Map<String, String> tagMap(JsonNode tags) {
    Map<String, String> map = new LinkedHashMap<>();
    for (JsonNode tag : tags) {
      String key = tag.get("tagKey").asText();
      if (map.put(key, tag.get("tagValue").asText()) != null) {
        throw ApiException.invalidInput("The tag key " + key + " appears more than once.");
      }
    }
    return map;
  }
}
