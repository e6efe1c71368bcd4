package io.tastemaker.core.filter;

import io.tastemaker.core.schema.DatasetType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code INCLUDE|EXCLUDE target WHERE ... [IF ...]} part of a filter. {@code ifClause} holds
 * the CurrentUser conditions of the trailing IF clause (joined by AND), empty when there is none;
 * {@code position} is the 1-based character where the expression starts.
 */
public record Expression(Action action, Target target, Predicate where, List<Condition> ifClause, int position) {
  public Expression {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(where, "where");
    ifClause = List.copyOf(ifClause);
  }

  /** The dataset its WHERE conditions test, that of the first one. */
  public DatasetType dataset() {
    return where.conditions().get(0).field().source().dataset();
  }

  /** The WHERE conditions, then the IF conditions. */
  public List<Condition> allConditions() {
    List<Condition> all = new ArrayList<>(where.conditions());
    all.addAll(ifClause);
    return all;
  }

  /** The names of the placeholders it uses, in order of appearance. */
  public Set<String> placeholders() {
    Set<String> names = new LinkedHashSet<>();
    for (Condition c : allConditions()) {
      if (c.operand() instanceof Placeholder p) {
        names.add(p.name());
      }
    }
    return names;
  }
}
