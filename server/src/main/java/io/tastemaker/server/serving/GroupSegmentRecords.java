package io.tastemaker.server.serving;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.filter.AttributeRecord;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.FilterRecords;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a batch segment job's UserID filter reads of a dataset group as this server holds it now:
 * the Users records and the event types of each user's imported interactions (all of them, streamed
 * events aside, as segments are made of the data the model was trained on). A segment filter tests
 * event types only, so each of a user's types comes once, without an item.
 */
public final class GroupSegmentRecords implements FilterRecords {
  private final GroupAttributes attributes;
  private final String group;

  public GroupSegmentRecords(GroupAttributes attributes, String datasetGroupArn) {
    this.attributes = attributes;
    this.group = datasetGroupArn;
  }

  /** None: a segment filter selects users. */
  @Override
  public AttributeTable items() {
    return AttributeTable.empty("ITEM_ID");
  }

  @Override
  public Optional<AttributeRecord> user(String userId) {
    return users().get(userId);
  }

  /** The group's Users records. */
  public AttributeTable users() {
    return attributes.users(group);
  }

  /** Each event type of the user's imported interactions once ({@code ""} for interactions without one), with an empty item id. */
  @Override
  public void interactions(String userId, BiConsumer<String, String> interaction) {
    GroupAttributes.Imported imported = attributes.interactions(group);
    Integer user = imported.userIndex().get(userId);
    if (user == null) {
      return;
    }
    InteractionData data = imported.data();
    Set<String> types = new LinkedHashSet<>();
    for (int k = data.start(user); k < data.end(user); k++) {
      int type = data.eventType(k);
      types.add(type < 0 ? "" : data.eventTypes().get(type));
    }
    types.forEach(type -> interaction.accept(type, ""));
  }

  /** The users with imported interactions. */
  public List<String> interactingUsers() {
    InteractionData data = attributes.interactions(group).data();
    List<String> users = new java.util.ArrayList<>(data.userCount());
    for (int u = 0; u < data.userCount(); u++) {
      users.add(data.userId(u));
    }
    return users;
  }
}
