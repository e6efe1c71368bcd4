package io.tastemaker.server.serving;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.filter.AttributeRecord;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.FilterRecords;
import io.tastemaker.server.events.LiveHistories;
import io.tastemaker.server.events.StreamedEvent;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a filter reads of a dataset group as this server holds it now: the group's Items and Users
 * attributes, each user's newest {@link GroupAttributes#INTERACTIONS_PER_USER} imported interactions
 * and every streamed one.
 */
public final class GroupFilterRecords implements FilterRecords {
  private final GroupAttributes attributes;
  private final LiveHistories histories;
  private final String group;

  public GroupFilterRecords(GroupAttributes attributes, LiveHistories histories, String datasetGroupArn) {
    this.attributes = attributes;
    this.histories = histories;
    this.group = datasetGroupArn;
  }

  @Override
  public AttributeTable items() {
    return attributes.items(group);
  }

  @Override
  public Optional<AttributeRecord> user(String userId) {
    return attributes.users(group).get(userId);
  }

  /** The group's Users attributes. */
  public AttributeTable users() {
    return attributes.users(group);
  }

  @Override
  public void interactions(String userId, BiConsumer<String, String> interaction) {
    GroupAttributes.Imported imported = attributes.interactions(group);
    Integer user = imported.userIndex().get(userId);
    if (user != null) {
      InteractionData data = imported.data();
      int from = Math.max(data.start(user), data.end(user) - GroupAttributes.INTERACTIONS_PER_USER);
      for (int i = from; i < data.end(user); i++) {
        int type = data.eventType(i);
        interaction.accept(type < 0 ? "" : data.eventTypes().get(type), data.itemId(data.item(i)));
      }
    }
    for (StreamedEvent e : histories.since(group, userId, 0)) {
      if (e.itemId().isPresent()) {
        interaction.accept(e.eventType(), e.itemId().get());
      }
    }
  }

  /** The users with interactions: imported ones and those with streamed events. */
  public Set<String> interactingUsers() {
    Set<String> users = new LinkedHashSet<>();
    InteractionData data = attributes.interactions(group).data();
    for (int u = 0; u < data.userCount(); u++) {
      users.add(data.userId(u));
    }
    users.addAll(histories.userKeys(group));
    return users;
  }
}
