package io.tastemaker.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.store.PageToken;
import io.tastemaker.server.store.ResourceStore;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import java.sql.SQLException;
import java.util.Optional;

/** Answers List operations a page at a time, with {@code maxResults} and {@code nextToken}. */
public final class ListPages {
  /** Personalize does not document a default page size; a full page is the friendliest. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  private ListPages() {}

  /** The List answer for one page of a kind's resources, optionally under a parent. */
  public static ObjectNode page(Transaction tx, ResourceStore store, ResourceKind kind, Optional<String> parentArn, Input input)
      throws SQLException {
    String listKey = kind.name() + "|" + parentArn.orElse("");
    Optional<PageToken.Position> after = Optional.empty();
    if (input.has("nextToken")) {
      after = PageToken.decode(listKey, input.text("nextToken"));
      if (after.isEmpty()) {
        throw new ApiException(ErrorType.INVALID_NEXT_TOKEN, "The nextToken is not valid for this list request.");
      }
    }
    int limit = input.optionalInt("maxResults").orElse(DEFAULT_PAGE_SIZE);
    ResourceStore.Page page = store.list(tx, kind, parentArn, after, limit);
    ObjectNode answer = Json.object();
    ArrayNode items = answer.putArray(kind.listKey());
    for (Resource r : page.items()) {
      items.add(ResourceViews.summary(r));
    }
    if (page.more()) {
      Resource last = page.items().get(page.items().size() - 1);
      answer.put("nextToken", PageToken.encode(listKey, new PageToken.Position(last.createdAt().toEpochMilli(), last.arn())));
    }
    return answer;
  }
}
