package io.tastemaker.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;

/** Renders stored resources as the Describe and List members clients expect. */
public final class ResourceViews {
  /** Attributes whose names start with this are the server's own bookkeeping, never shown. */
  public static final String INTERNAL_PREFIX = "_";

  private ResourceViews() {}

  /** The full object of a Describe answer. */
  public static ObjectNode describe(Resource r) {
    ObjectNode view = Json.object();
    view.put(r.kind().nameKey(), r.name());
    view.put(r.kind().arnKey(), r.arn());
    r.attributes().properties().forEach(e -> {
      if (!e.getKey().startsWith(INTERNAL_PREFIX)) {
        view.set(e.getKey(), e.getValue());
      }
    });
    common(r, view, true);
    return view;
  }

  /** The summary of a List answer. */
  public static ObjectNode summary(Resource r) {
    ObjectNode view = Json.object();
    ResourceKind kind = r.kind();
    if (kind.nameInSummary()) {
      view.put(kind.nameKey(), r.name());
    }
    view.put(kind.arnKey(), r.arn());
    ObjectNode attributes = r.attributes();
    for (String attribute : kind.summaryAttributes()) {
      if (attributes.hasNonNull(attribute)) {
        view.set(attribute, attributes.get(attribute));
      }
    }
    common(r, view, kind.failureInSummary());
    return view;
  }

  private static void common(Resource r, ObjectNode view, boolean withFailure) {
    r.status().ifPresent(s -> view.put("status", s));
    if (withFailure) {
      r.failureReason().ifPresent(f -> view.put("failureReason", f));
    }
    view.put("creationDateTime", Json.epochSeconds(r.createdAt()));
    view.put("lastUpdatedDateTime", Json.epochSeconds(r.updatedAt()));
  }
}
