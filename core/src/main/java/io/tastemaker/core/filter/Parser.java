package io.tastemaker.core.filter;

import io.tastemaker.core.filter.Token.Kind;
import io.tastemaker.core.nextbestaction.ActionEventType;
import io.tastemaker.core.schema.DatasetType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A recursive-descent parser for filter expressions that also enforces the rules Personalize
 * checks at CreateFilter, so every problem is reported with the character it is at.
 */
final class Parser {
  private static final String EVENT_TYPE = "EVENT_TYPE";

  private final List<Token> tokens;
  private final FilterLimits limits;
  private int next;
  private Condition lastCondition;
  // The dataset of the current expression's first condition; all others must use it.
  private DatasetType expressionDataset;
  private Target expressionTarget;

  private Parser(List<Token> tokens, FilterLimits limits) {
    this.tokens = tokens;
    this.limits = limits;
  }

  static List<Expression> parse(String text, FilterLimits limits) {
    if (text.length() > limits.maxLength()) {
      throw new FilterSyntaxException(
          limits.maxLength() + 1,
          "the expression has " + text.length() + " characters, at most " + limits.maxLength() + " are allowed");
    }
    return new Parser(Lexer.tokens(text), limits).filter();
  }

  private List<Expression> filter() {
    List<Expression> expressions = new ArrayList<>();
    do {
      expressions.add(expression(expressions.stream().findFirst().map(Expression::target)));
    } while (accept(Kind.PIPE));
    checkDistinctFields(expressions);
    return expressions;
  }

  private Expression expression(Optional<Target> firstTarget) {
    Token actionToken = advance();
    Action action;
    if (actionToken.is("INCLUDE")) {
      action = Action.INCLUDE;
    } else if (actionToken.is("EXCLUDE")) {
      action = Action.EXCLUDE;
    } else {
      String where = firstTarget.isPresent() ? "after |" : "at the start of the expression";
      throw error(actionToken, "expected INCLUDE or EXCLUDE " + where + ", got " + actionToken.describe());
    }
    Target target = target(action, advance());
    if (firstTarget.isPresent() && firstTarget.get() != target) {
      throw error(previous(), "all expressions of a filter must have the same target; the first one has "
          + firstTarget.get().keyword() + ", got " + target.keyword());
    }
    Token where = advance();
    if (!where.is("WHERE")) {
      throw error(where, "expected WHERE after " + target.keyword() + ", got " + where.describe());
    }
    expressionDataset = null;
    expressionTarget = target;
    Predicate predicate = disjunction(action, target);
    List<Condition> ifClause = List.of();
    if (peek().is("IF")) {
      advance();
      ifClause = ifClause(action);
      Token after = peek();
      if (after.is("OR")) {
        throw error(after, "only AND can join the conditions of an IF clause, got " + after.describe());
      }
      if (after.is("IF")) {
        throw error(after, "an expression can have only one IF clause");
      }
      if (!after.is(Kind.PIPE) && !after.is(Kind.END)) {
        throw error(after, "expected AND, | or the end of the expression after the condition on "
            + lastCondition.field() + ", got " + after.describe() + "; the IF clause must come last in its expression");
      }
    } else if (!peek().is(Kind.PIPE) && !peek().is(Kind.END)) {
      throw error(peek(), "expected AND, OR, IF, | or the end of the expression after the condition on "
          + lastCondition.field() + ", got " + peek().describe());
    }
    return new Expression(action, target, predicate, ifClause, actionToken.position());
  }

  private Target target(Action action, Token t) {
    for (Target target : Target.values()) {
      if (t.is(target.keyword())) {
        return target;
      }
    }
    throw error(t, "expected ItemID, UserID or ActionID after " + action + ", got " + t.describe());
  }

  // AND binds tighter than OR: the predicate is an OR of ANDs.
  private Predicate disjunction(Action action, Target target) {
    List<Predicate> anyOf = new ArrayList<>();
    do {
      List<Predicate> allOf = new ArrayList<>();
      do {
        allOf.add(whereCondition(action, target));
      } while (acceptKeyword("AND"));
      anyOf.add(allOf.size() == 1 ? allOf.get(0) : new And(allOf));
    } while (acceptKeyword("OR"));
    return anyOf.size() == 1 ? anyOf.get(0) : new Or(anyOf);
  }

  private Condition whereCondition(Action action, Target target) {
    String after = previous().raw().toUpperCase(Locale.ROOT);
    Token f = advance();
    boolean actions = target == Target.ACTION_ID;
    FieldRef field = actions
        ? field(f, after, "Actions.VALUE", "Actions, Action_Interactions or Users")
        : field(f, after, "Items.GENRE", "Items, Interactions or Users");
    switch (field.source()) {
      case CURRENT_USER -> throw error(f, "CurrentUser fields can only be tested in the IF clause at the end of an expression, got " + field);
      case CURRENT_ITEM -> throw error(f, "CurrentItem fields can only be compared with, as in Items.GENRE IN CurrentItem.GENRE; got " + field + " before the operator");
      case USERS -> {
        if (target != Target.USER_ID) {
          throw error(f, target.keyword() + " expressions test " + (actions ? "Actions or Action_Interactions" : "Items or Interactions") + " fields, got "
              + field + "; test the requesting user with IF CurrentUser." + field.name() + " at the end of the expression");
        }
      }
      case ITEMS, INTERACTIONS -> {
        if (actions) {
          throw error(f, "ActionID expressions test Actions or Action_Interactions fields, got " + field
              + (field.source() == Source.INTERACTIONS ? "; the user's interactions with actions are Action_Interactions.EVENT_TYPE" : ""));
        }
        if (target == Target.USER_ID && field.source() == Source.ITEMS) {
          throw error(f, "UserID expressions test Users or Interactions fields, got " + field);
        }
      }
      case ACTIONS, ACTION_INTERACTIONS -> {
        if (!actions) {
          throw error(f, field.source().prefix() + " fields can only be tested by ActionID expressions, as in INCLUDE ActionID WHERE "
              + field + " ...; this expression selects " + target.keyword());
        }
      }
    }
    DatasetType dataset = field.source().dataset();
    if (expressionDataset == null) {
      expressionDataset = dataset;
    } else if (expressionDataset != dataset) {
      throw error(f, "all conditions of an expression must use the dataset of its first condition ("
          + expressionDataset.wireName() + "), got " + field + "; chain expressions with | to combine datasets");
    }
    if (field.source().isInteractions() && !field.name().equals(EVENT_TYPE)) {
      throw error(f, field.source().prefix() + " conditions can only test EVENT_TYPE, got " + field);
    }
    Token opToken = advance();
    Operator op = operator(opToken, field, true);
    if (field.source().isInteractions() && op.isRange()) {
      throw error(opToken, field + " can only be tested with IN, NOT IN or =, got " + op.symbol());
    }
    Operand operand = switch (op) {
      case IN -> {
        if (peek().is(Kind.QUALIFIED)) {
          yield currentItem(advance(), field);
        }
        if (!peek().is(Kind.LPAREN)) {
          throw error(peek(), "expected ( or CurrentItem.<field> after IN, got " + peek().describe());
        }
        yield valueList(field, op, action);
      }
      case NOT_IN -> {
        if (!peek().is(Kind.LPAREN)) {
          throw error(peek(), "expected ( after NOT IN, got " + peek().describe());
        }
        yield valueList(field, op, action);
      }
      default -> scalar(field, op);
    };
    lastCondition = new Condition(field, op, operand, f.position());
    return lastCondition;
  }

  private List<Condition> ifClause(Action action) {
    List<Condition> conditions = new ArrayList<>();
    do {
      String after = previous().raw().toUpperCase(Locale.ROOT);
      Token f = advance();
      FieldRef field = field(f, after, "CurrentUser.AGE", "CurrentUser");
      if (field.source() != Source.CURRENT_USER) {
        throw error(f, "the IF clause can only test CurrentUser fields, got " + field
            + (conditions.isEmpty() ? "" : "; the IF clause must come last in its expression"));
      }
      Token opToken = advance();
      Operator op = operator(opToken, field, false);
      Operand operand;
      if (op == Operator.IN) {
        if (!peek().is(Kind.LPAREN)) {
          throw error(peek(), "expected ( after IN, got " + peek().describe());
        }
        operand = valueList(field, op, action);
      } else {
        operand = scalar(field, op);
      }
      lastCondition = new Condition(field, op, operand, f.position());
      conditions.add(lastCondition);
    } while (acceptKeyword("AND"));
    return conditions;
  }

  private FieldRef field(Token f, String after, String example, String datasets) {
    if (!f.is(Kind.QUALIFIED)) {
      String hint = "";
      if (f.is(Kind.LPAREN)) {
        hint = "; conditions cannot be grouped with parentheses";
      } else if (f.is(Kind.WORD)) {
        hint = "; name the dataset too, as in " + example.substring(0, example.indexOf('.') + 1) + f.raw();
      }
      throw error(f, "expected a field such as " + example + " after " + after + ", got " + f.describe() + hint);
    }
    int dot = f.raw().indexOf('.');
    String prefix = f.raw().substring(0, dot);
    Source source = Source.ofPrefix(prefix).orElseThrow(
        () -> error(f, "unknown dataset '" + prefix + "' in " + f.raw() + "; expected " + datasets));
    String name = f.raw().substring(dot + 1);
    // Personalize accepts Interactions.event_type: the event type is no schema field, so its name is ours to fold.
    if (source.isInteractions() && name.equalsIgnoreCase(EVENT_TYPE)) {
      name = EVENT_TYPE;
    }
    return new FieldRef(source, name);
  }

  private Operator operator(Token t, FieldRef field, boolean notInAllowed) {
    if (t.is("IN")) {
      return Operator.IN;
    }
    if (t.is("NOT") && notInAllowed) {
      Token in = advance();
      if (!in.is("IN")) {
        throw error(in, "expected IN after NOT, got " + in.describe());
      }
      return Operator.NOT_IN;
    }
    if (t.is(Kind.OPERATOR)) {
      for (Operator op : Operator.values()) {
        if (op.symbol().equals(t.raw())) {
          return op;
        }
      }
    }
    String expected = notInAllowed ? "IN, NOT IN, =, <, <=, > or >=" : "IN, =, <, <=, > or >=";
    throw error(t, "expected " + expected + " after " + field + ", got " + t.describe());
  }

  private Operand valueList(FieldRef field, Operator op, Action action) {
    advance(); // the (
    if (peek().is(Kind.RPAREN)) {
      throw error(peek(), "the " + op.symbol() + " list is empty; expected at least one quoted value, number or $placeholder");
    }
    List<Literal> literals = new ArrayList<>();
    Optional<Token> special = Optional.empty();
    int entries = 0;
    while (true) {
      Token v = advance();
      entries++;
      switch (v.kind()) {
        case STRING -> {
          if (v.value().equals("*")) {
            wildcard(v, field);
            special = Optional.of(v);
          } else {
            actionEventType(v, field);
            literals.add(new Literal(v.value(), true));
          }
        }
        case NUMBER -> {
          actionEventType(v, field);
          literals.add(new Literal(v.value(), false));
        }
        case PLACEHOLDER -> {
          if (op == Operator.NOT_IN) {
            throw error(v, "placeholders cannot be used with NOT IN; use IN with the opposite action, as in "
                + action.opposite() + " " + expressionTarget.keyword() + " WHERE " + field + " IN (" + v.raw() + ")");
          }
          special = Optional.of(v);
        }
        default -> throw error(v, "expected a quoted value, a number or a $placeholder in the " + op.symbol()
            + " list, got " + v.describe() + (v.is(Kind.WORD) ? "; text values go in double quotes" : ""));
      }
      Token sep = advance();
      if (sep.is(Kind.RPAREN)) {
        break;
      }
      if (!sep.is(Kind.COMMA)) {
        throw error(sep, "expected , or ) in the " + op.symbol() + " list, got " + sep.describe());
      }
    }
    if (special.isPresent()) {
      Token s = special.get();
      if (entries > 1) {
        throw error(s, s.raw() + " must be the only value of its " + op.symbol() + " list");
      }
      return s.is(Kind.PLACEHOLDER) ? new Placeholder(s.value()) : new Wildcard();
    }
    return new Values(literals);
  }

  private Operand scalar(FieldRef field, Operator op) {
    Token t = advance();
    switch (t.kind()) {
      case LPAREN -> {
        Operand inner = scalar(field, op);
        Token close = advance();
        if (!close.is(Kind.RPAREN)) {
          throw error(close, "expected ) after " + previous().raw() + ", got " + close.describe());
        }
        return inner;
      }
      case NUMBER -> {
        actionEventType(t, field);
        return new Values(List.of(new Literal(t.value(), false)));
      }
      case STRING -> {
        if (t.value().equals("*")) {
          return wildcard(t, field);
        }
        actionEventType(t, field);
        if (op.isRange() && !Numbers.isNumber(t.value())) {
          throw error(t, op.symbol() + " compares numbers, got " + t.describe());
        }
        return new Values(List.of(new Literal(t.value(), true)));
      }
      case PLACEHOLDER -> {
        return new Placeholder(t.value());
      }
      case QUALIFIED -> {
        return currentItem(t, field);
      }
      default -> throw error(t, "expected a number, a quoted value, a $placeholder or CurrentItem.<field> after "
          + op.symbol() + ", got " + t.describe());
    }
  }

  private Operand wildcard(Token t, FieldRef field) {
    if (!field.source().isInteractions() || !field.name().equals(EVENT_TYPE)) {
      throw error(t, "\"*\" (any event type) can only be used with Interactions.EVENT_TYPE or Action_Interactions.EVENT_TYPE, got " + field);
    }
    return new Wildcard();
  }

  /** Action interactions have three event types, so a literal that names none of them is a mistake. */
  private static void actionEventType(Token t, FieldRef field) {
    if (field.source() == Source.ACTION_INTERACTIONS && ActionEventType.parse(t.value()).isEmpty()) {
      throw error(t, field + " is Taken, Not Taken or Viewed (any case, with or without a blank or underscore), got " + t.describe());
    }
  }

  private FieldRef currentItem(Token t, FieldRef left) {
    FieldRef right = field(t, "", "CurrentItem.GENRE", "CurrentItem");
    if (right.source() != Source.CURRENT_ITEM) {
      throw error(t, "only a CurrentItem field can be compared with, got " + right);
    }
    if (left.source() == Source.CURRENT_USER) {
      throw error(t, "CurrentItem fields cannot be used in the IF clause, got " + right);
    }
    if (left.source() != Source.ITEMS) {
      throw error(t, "CurrentItem fields can only be compared with Items fields, got " + left + " and " + right);
    }
    return right;
  }

  private void checkDistinctFields(List<Expression> expressions) {
    Set<DatasetField> seen = new LinkedHashSet<>();
    for (Expression e : expressions) {
      for (Condition c : e.allConditions()) {
        List<DatasetField> used = new ArrayList<>(List.of(c.field().datasetField()));
        if (c.operand() instanceof FieldRef ref) {
          used.add(ref.datasetField());
        }
        for (DatasetField f : used) {
          if (seen.add(f) && seen.size() > limits.maxDistinctFields()) {
            seen.remove(f);
            throw new FilterSyntaxException(c.position(), "a filter can use at most " + limits.maxDistinctFields()
                + " distinct dataset fields; " + f + " is one more than "
                + seen.stream().map(DatasetField::toString).collect(Collectors.joining(", ")));
          }
        }
      }
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token previous() {
    return tokens.get(next - 1);
  }

  private Token advance() {
    Token t = tokens.get(next);
    if (!t.is(Kind.END)) {
      next++;
    }
    return t;
  }

  private boolean accept(Kind kind) {
    if (peek().is(kind)) {
      next++;
      return true;
    }
    return false;
  }

  private boolean acceptKeyword(String keyword) {
    if (peek().is(keyword)) {
      next++;
      return true;
    }
    return false;
  }

  private static FilterSyntaxException error(Token t, String detail) {
    return new FilterSyntaxException(t.position(), detail);
  }
}
