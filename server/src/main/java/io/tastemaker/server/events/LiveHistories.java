package io.tastemaker.server.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every dataset group's streamed events by user, in memory, so the next request sees them at once.
 * Events without a user id belong to their session; when an event carries both a user id and a
 * session id, the session's earlier anonymous events become the user's, and so do its later ones.
 */
public final class LiveHistories {
  /** The most recent events kept per user: more than a model reads ({@code max_sequence_length}). */
  static final int MAX_EVENTS_PER_USER = 500;

  private final Map<String, Group> groups = new ConcurrentHashMap<>();

  /** Adds newly stored events, in seq order; returns the user keys whose history changed, by group. */
  public Map<String, Set<String>> accept(List<StreamedEvent> events) {
    Map<String, Set<String>> changed = new HashMap<>();
    for (StreamedEvent e : events) {
      Group group = groups.computeIfAbsent(e.datasetGroupArn(), g -> new Group());
      changed.computeIfAbsent(e.datasetGroupArn(), g -> new LinkedHashSet<>()).addAll(group.add(e));
    }
    return changed;
  }

  /** A user's streamed events after {@code afterSeq}, oldest first (by time, then order of arrival). */
  public List<StreamedEvent> since(String datasetGroupArn, String userKey, long afterSeq) {
    Group group = groups.get(datasetGroupArn);
    return group == null ? List.of() : group.since(userKey, afterSeq);
  }

  /** The user keys with streamed events in a group. */
  public Set<String> userKeys(String datasetGroupArn) {
    Group group = groups.get(datasetGroupArn);
    return group == null ? Set.of() : group.userKeys();
  }

  /** Forgets these users' events in a group, and the sessions they claimed, as a data deletion job deletes them. */
  public void forgetUsers(String datasetGroupArn, Set<String> userIds) {
    Group group = groups.get(datasetGroupArn);
    if (group != null) {
      group.removeUsers(userIds);
    }
  }

  /** Takes a group's histories from {@code rebuilt} in one step, in place of this one's (none when it has none). */
  public void replace(String datasetGroupArn, LiveHistories rebuilt) {
    Group group = rebuilt.groups.get(datasetGroupArn);
    if (group == null) {
      groups.remove(datasetGroupArn);
    } else {
      groups.put(datasetGroupArn, group);
    }
  }

  /** Forgets a dataset group's events. */
  public void forget(String datasetGroupArn) {
    groups.remove(datasetGroupArn);
  }

  /**
   * The user each event counts for in training: its user id, or for an anonymous event the user who
   * later or earlier claimed its session, or else the session id.
   */
  public static List<String> userKeys(List<StreamedEvent> events) {
    Map<String, String> owners = new HashMap<>();
    for (StreamedEvent e : events) {
      e.userId().ifPresent(u -> owners.putIfAbsent(e.sessionId(), u));
    }
    List<String> keys = new ArrayList<>(events.size());
    for (StreamedEvent e : events) {
      keys.add(e.userId().orElseGet(() -> owners.getOrDefault(e.sessionId(), e.sessionId())));
    }
    return keys;
  }

  private static final Comparator<StreamedEvent> BY_TIME = Comparator.comparingLong(StreamedEvent::sentAt).thenComparingLong(StreamedEvent::seq);

  /** One dataset group's histories. */
  private static final class Group {
    private final Map<String, List<StreamedEvent>> byUser = new HashMap<>();
    private final Map<String, String> sessionOwner = new HashMap<>();

    synchronized Set<String> add(StreamedEvent e) {
      Set<String> changed = new LinkedHashSet<>();
      String key;
      if (e.userId().isPresent()) {
        key = e.userId().get();
        String session = e.sessionId();
        if (!sessionOwner.containsKey(session) && !session.equals(key)) {
          sessionOwner.put(session, key);
          List<StreamedEvent> anonymous = byUser.remove(session);
          if (anonymous != null) {
            List<StreamedEvent> joined = byUser.computeIfAbsent(key, k -> new ArrayList<>());
            joined.addAll(anonymous);
            joined.sort(BY_TIME);
            changed.add(session);
          }
        }
      } else {
        key = Optional.ofNullable(sessionOwner.get(e.sessionId())).orElse(e.sessionId());
      }
      List<StreamedEvent> history = byUser.computeIfAbsent(key, k -> new ArrayList<>());
      // Events mostly arrive in time order: only a late one needs its place found.
      int at = history.size();
      while (at > 0 && BY_TIME.compare(history.get(at - 1), e) > 0) {
        at--;
      }
      history.add(at, e);
      if (history.size() > MAX_EVENTS_PER_USER) {
        history.subList(0, history.size() - MAX_EVENTS_PER_USER).clear();
      }
      changed.add(key);
      return changed;
    }

    synchronized Set<String> userKeys() {
      return Set.copyOf(byUser.keySet());
    }

    synchronized void removeUsers(Set<String> userIds) {
      byUser.keySet().removeAll(userIds);
      sessionOwner.entrySet().removeIf(owned -> userIds.contains(owned.getValue()));
    }

    synchronized List<StreamedEvent> since(String userKey, long afterSeq) {
      List<StreamedEvent> history = byUser.get(userKey);
      if (history == null) {
        return List.of();
      }
      List<StreamedEvent> recent = new ArrayList<>();
      for (StreamedEvent e : history) {
        if (e.seq() > afterSeq) {
          recent.add(e);
        }
      }
      return recent;
    }
  }
}
