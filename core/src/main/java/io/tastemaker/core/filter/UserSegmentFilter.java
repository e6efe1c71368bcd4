package io.tastemaker.core.filter;

import io.tastemaker.core.schema.DatasetType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A UserID filter bound to a model's users, for batch segment jobs: which users a segment may
 * contain. Users conditions test the user's record (a user without a record, or without a value,
 * satisfies none, NOT IN included, as for items); Interactions conditions hold for users who have
 * an interaction of a listed event type ({@code "*"}: any interaction; NOT IN: one of another
 * type). Expressions combine as in {@link CompiledFilter}: the applying INCLUDEs united, the
 * applying EXCLUDEs removed; an EXCLUDE whose placeholder has no value does not apply, and an IF
 * clause never holds, since a segment has no current user.
 */
public final class UserSegmentFilter {
  private final FilterExpression filter;
  private final List<String> userIds;

  private UserSegmentFilter(FilterExpression filter, List<String> userIds) {
    this.filter = filter;
    this.userIds = List.copyOf(userIds);
  }

  /**
   * Binds a UserID filter to a model's users.
   *
   * @throws IllegalArgumentException for an ItemID filter, which selects items, not users
   */
  public static UserSegmentFilter compile(FilterExpression filter, List<String> userIds) {
    Objects.requireNonNull(filter, "filter");
    if (filter.target() != Target.USER_ID) {
      throw new IllegalArgumentException("An " + filter.target().keyword() + " filter selects items and cannot filter user segments: " + filter.text());
    }
    return new UserSegmentFilter(filter, userIds);
  }

  /** Whether the filter tests interactions, so the caller must provide each user's event types. */
  public boolean usesInteractions() {
    return filter.fields().stream().anyMatch(f -> f.dataset() == DatasetType.INTERACTIONS);
  }

  /**
   * The users allowed, by index into the bound user ids.
   *
   * @param users the Users dataset's records
   * @param eventTypes each user's event types, lower-cased ({@code ""} for interactions without one)
   * @throws FilterValueException when an INCLUDE expression's placeholder has no value or a value is malformed
   */
  public BitSet allowed(AttributeTable users, IntFunction<Set<String>> eventTypes, Map<String, String> filterValues) {
    Bindings bindings = new Bindings(filterValues, Optional.empty());
    List<BitSet> includes = new ArrayList<>();
    List<BitSet> excludes = new ArrayList<>();
    for (Expression e : filter.expressions()) {
      if (!applies(e, filterValues)) {
        continue;
      }
      BitSet selected = e.dataset() == DatasetType.USERS
          ? Predicates.evaluate(e.where(), c -> byRecord(c, users, bindings))
          : Predicates.evaluate(e.where(), c -> byEventTypes(c, eventTypes, bindings));
      (e.action() == Action.INCLUDE ? includes : excludes).add(selected);
    }
    BitSet allowed = new BitSet(userIds.size());
    if (includes.isEmpty()) {
      allowed.set(0, userIds.size());
    } else {
      includes.forEach(allowed::or);
    }
    excludes.forEach(allowed::andNot);
    return allowed;
  }

  private static boolean applies(Expression e, Map<String, String> values) {
    if (!e.ifClause().isEmpty()) {
      return false;
    }
    for (String name : e.placeholders()) {
      if (!values.containsKey(name)) {
        if (e.action() == Action.INCLUDE) {
          throw new FilterValueException("filterValues must have a value for " + name + ": the INCLUDE expression at character " + e.position() + " uses $" + name);
        }
        return false;
      }
    }
    return true;
  }

  private BitSet byRecord(Condition c, AttributeTable users, Bindings bindings) {
    List<Value> values = bindings.values(c);
    BitSet selected = new BitSet(userIds.size());
    for (int u = 0; u < userIds.size(); u++) {
      Optional<AttributeRecord> record = users.get(userIds.get(u));
      if (record.isPresent() && Matching.matches(record.get().value(c.field().name()), c.operator(), values)) {
        selected.set(u);
      }
    }
    return selected;
  }

  private BitSet byEventTypes(Condition c, IntFunction<Set<String>> eventTypes, Bindings bindings) {
    boolean any = c.operand() instanceof Wildcard;
    Set<String> listed = new HashSet<>();
    if (!any) {
      for (Value v : bindings.values(c)) {
        v.text().ifPresent(t -> listed.add(t.toLowerCase(Locale.ROOT)));
      }
    }
    boolean notIn = c.operator() == Operator.NOT_IN;
    BitSet selected = new BitSet(userIds.size());
    for (int u = 0; u < userIds.size(); u++) {
      Set<String> types = eventTypes.apply(u);
      boolean holds = any ? !types.isEmpty() : notIn ? types.stream().anyMatch(t -> !listed.contains(t)) : types.stream().anyMatch(listed::contains);
      if (holds) {
        selected.set(u);
      }
    }
    return selected;
  }

  @Override
  public String toString() {
    return "UserSegmentFilter[" + filter.text() + ", " + userIds.size() + " users]";
  }
}
