package io.tastemaker.core.filter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The filter semantics written out item by item, with no index, bitset algebra or cache: the
 * reference the compiled filter is checked against. Throws IllegalArgumentException where the
 * compiled filter throws FilterValueException.
 */
final class NaiveFilter {
  private record V(String text, Double number) {}

  private final List<String> catalogue;
  private final FilterRequest request;
  private final Optional<AttributeRecord> currentItem;

  private NaiveFilter(List<String> catalogue, FilterRequest request) {
    this.catalogue = catalogue;
    this.request = request;
    this.currentItem = request.currentItemId().flatMap(id -> request.items().get(id));
  }

  static BitSet allowed(FilterExpression filter, List<String> catalogue, FilterRequest request) {
    return new NaiveFilter(catalogue, request).allowed(filter);
  }

  private BitSet allowed(FilterExpression filter) {
    List<Expression> applicable = new ArrayList<>();
    for (Expression e : filter.expressions()) {
      boolean missing = e.placeholders().stream().anyMatch(p -> !request.filterValues().containsKey(p));
      if (missing && e.action() == Action.INCLUDE) {
        throw new IllegalArgumentException("missing placeholder");
      }
      if (!missing) {
        applicable.add(e);
      }
    }
    boolean usesItem = filter.expressions().stream().flatMap(e -> e.allConditions().stream())
        .anyMatch(c -> c.operand() instanceof FieldRef);
    if (usesItem && request.currentItemId().isEmpty()) {
      throw new IllegalArgumentException("no current item");
    }
    BitSet included = new BitSet();
    BitSet excluded = new BitSet();
    boolean anyInclude = false;
    for (Expression e : applicable) {
      if (!ifHolds(e)) {
        continue;
      }
      anyInclude |= e.action() == Action.INCLUDE;
      for (int item = 0; item < catalogue.size(); item++) {
        if (holds(e.where(), item)) {
          (e.action() == Action.INCLUDE ? included : excluded).set(item);
        }
      }
    }
    BitSet allowed = new BitSet();
    for (int item = 0; item < catalogue.size(); item++) {
      if ((!anyInclude || included.get(item)) && !excluded.get(item)) {
        allowed.set(item);
      }
    }
    return allowed;
  }

  private boolean ifHolds(Expression e) {
    for (Condition c : e.ifClause()) {
      Optional<AttributeValue> value = request.currentUser().flatMap(u -> u.value(c.field().name()));
      if (!matches(value, c.operator(), values(c))) {
        return false;
      }
    }
    return true;
  }

  private boolean holds(Predicate p, int item) {
    if (p instanceof And and) {
      return and.operands().stream().allMatch(q -> holds(q, item));
    }
    if (p instanceof Or or) {
      return or.operands().stream().anyMatch(q -> holds(q, item));
    }
    Condition c = (Condition) p;
    if (c.field().source() == Source.INTERACTIONS) {
      return interacted(c, item);
    }
    Optional<AttributeValue> value = request.items().get(catalogue.get(item)).flatMap(r -> r.value(c.field().name()));
    return matches(value, c.operator(), values(c));
  }

  private boolean interacted(Condition c, int item) {
    boolean any = c.operand() instanceof Wildcard;
    Set<String> listed = new HashSet<>();
    if (!any) {
      values(c).forEach(v -> listed.add(v.text().toLowerCase(Locale.ROOT)));
    }
    for (String type : request.interactions().eventTypes()) {
      boolean isListed = any || listed.contains(type);
      if (isListed != (c.operator() == Operator.NOT_IN) && request.interactions().interacted(type, item)) {
        return true;
      }
    }
    return false;
  }

  private List<V> values(Condition c) {
    List<V> values = new ArrayList<>();
    if (c.operand() instanceof Values literals) {
      literals.literals().forEach(l -> values.add(new V(l.text(), number(l.text()))));
    } else if (c.operand() instanceof Placeholder p) {
      PlaceholderValues.parse(p.name(), request.filterValues().get(p.name()))
          .forEach(l -> values.add(new V(l.text(), number(l.text()))));
      if (c.operator().isRange() && (values.size() != 1 || values.get(0).number() == null)) {
        throw new IllegalArgumentException("range placeholder");
      }
    } else if (c.operand() instanceof FieldRef ref) {
      currentItem.flatMap(r -> r.value(ref.name())).ifPresent(a -> {
        if (a instanceof AttributeValue.Numeric n) {
          values.add(new V(null, n.value()));
        } else {
          ((AttributeValue.Text) a).values().forEach(s -> values.add(new V(s, number(s))));
        }
      });
    }
    return values;
  }

  private static Double number(String text) {
    return text.matches("-?[0-9]+(\\.[0-9]+)?") ? Double.valueOf(text) : null;
  }

  private static boolean matches(Optional<AttributeValue> value, Operator op, List<V> values) {
    if (value.isEmpty()) {
      return false;
    }
    AttributeValue a = value.get();
    boolean equal = false;
    for (V v : values) {
      if (a instanceof AttributeValue.Text t) {
        equal |= v.text() != null && t.values().contains(v.text());
      } else {
        equal |= v.number() != null && v.number() == ((AttributeValue.Numeric) a).value();
      }
    }
    switch (op) {
      case IN:
      case EQ:
        return equal;
      case NOT_IN:
        return !equal;
      default:
        if (!(a instanceof AttributeValue.Numeric n) || values.size() != 1 || values.get(0).number() == null) {
          return false;
        }
        double x = n.value();
        double y = values.get(0).number();
        return switch (op) {
          case LT -> x < y;
          case LE -> x <= y;
          case GT -> x > y;
          default -> x >= y;
        };
    }
  }
}
