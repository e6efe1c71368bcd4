package io.tastemaker.server.serving;

import io.tastemaker.core.filter.ActionFilterRecords;
import io.tastemaker.core.filter.AttributeRecord;
import io.tastemaker.core.filter.AttributeTable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What an ActionID filter reads of a dataset group as this server holds it now: Actions and Users records, imported and put action interactions. */
public final class GroupActionRecords implements ActionFilterRecords {
  private final GroupAttributes attributes;
  private final String group;

  public GroupActionRecords(GroupAttributes attributes, String datasetGroupArn) {
    this.attributes = attributes;
    this.group = datasetGroupArn;
  }

  @Override
  public AttributeTable actions() {
    return attributes.actions(group);
  }

  @Override
  public Optional<AttributeRecord> user(String userId) {
    return attributes.users(group).get(userId);
  }

  @Override
  public Map<String, Set<String>> actionInteractions(String userId) {
    return attributes.actionInteractions(group, userId);
  }

  /** The group's Users records. */
  public AttributeTable users() {
    return attributes.users(group);
  }

  /** The users with action interactions, imported or put. */
  public Set<String> interactingUsers() {
    return attributes.actionInteractionsByUser(group).keySet();
  }
}
