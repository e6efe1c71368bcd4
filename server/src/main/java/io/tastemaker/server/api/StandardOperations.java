package io.tastemaker.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.store.Transaction;
import java.sql.SQLException;
import java.util.Optional;

/** The Describe and List operations, which work the same way for every kind of resource. */
public final class StandardOperations {
  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public StandardOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  /** Adds computed members to a Describe view, such as a solution's latest version. */
  @FunctionalInterface
  public interface Decorator {
    void decorate(Transaction tx, Resource resource, ObjectNode view) throws SQLException;
  }

  /** Describe: looks the resource up by its ARN member and wraps its view. */
  public Operation describe(ResourceKind kind) {
    return describe(kind, (tx, r, view) -> {});
  }

  public Operation describe(ResourceKind kind, Decorator decorator) {
    return input ->
        ctx.db().read(tx -> {
          Resource r = life.require(tx, kind, input.text(kind.arnKey()));
          ObjectNode view = ResourceViews.describe(r);
          decorator.decorate(tx, r, view);
          ObjectNode answer = Json.object();
          answer.set(kind.describeKey(), view);
          return answer;
        });
  }

  /**
   * List: one page of the kind's resources, under the parent named by {@code parentMember} when the
   * request gives one.
   */
  public Operation list(ResourceKind kind, Optional<String> parentMember) {
    return input ->
        ctx.db().read(tx -> ListPages.page(tx, ctx.resources(), kind, parentMember.flatMap(input::optionalText), input));
  }
}
