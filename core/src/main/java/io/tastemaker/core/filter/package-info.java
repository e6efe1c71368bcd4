/**
 * Amazon Personalize's filter expression language: parsing with positioned messages, the
 * documented rules and limits, a schema check, and evaluation of an ItemID filter to a mask over a
 * model's catalogue, or of an ActionID filter to a mask over a model's actions.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * filter     := expression { "|" expression }
 * expression := ("INCLUDE" | "EXCLUDE") ("ItemID" | "UserID" | "ActionID") "WHERE" condition { ("AND" | "OR") condition } [ if ]
 * condition  := field "IN" "(" list ")" | field "NOT" "IN" "(" list ")" | field "IN" item_field
 *             | field ("=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") operand
 * if         := "IF" user_cond { "AND" user_cond }          (at most one, at the end)
 * user_cond  := "CurrentUser." NAME ( "IN" "(" list ")" | cmp operand )
 * field      := ("Items" | "Interactions" | "Users" | "Actions" | "Action_Interactions") "." NAME
 * item_field := "CurrentItem." NAME
 * list       := literal { "," literal } | "$" NAME | "\"*\""
 * operand    := literal | "$" NAME | item_field | "(" operand ")"
 * literal    := '"' any characters but '"' '"' | number
 * </pre>
 *
 * <p>AND binds tighter than OR: {@code A OR B AND C} is {@code A OR (B AND C)}; conditions cannot be
 * grouped with parentheses. Keywords, ItemID/UserID and the dataset prefixes are accepted in any
 * case ({@code include}, {@code items.GENRE}); field names and placeholder names are
 * case-sensitive. Strings have no escapes. {@code <, <=, >, >=} with a literal need a number
 * ({@code 18} or {@code "18"}).
 *
 * <h2>Rules checked by {@link io.tastemaker.core.filter.FilterExpression#parse}</h2>
 *
 * <ul>
 *   <li>All conditions of an expression use the dataset of its first condition; ItemID expressions
 *       test Items or Interactions, UserID expressions Users or Interactions, ActionID expressions
 *       Actions or Action_Interactions; all expressions of a filter have the same target.
 *   <li>Interactions and Action_Interactions conditions test only EVENT_TYPE, with IN, NOT IN or =;
 *       {@code "*"} (any event type) is allowed only there, as the only value of its list. A
 *       literal Action_Interactions event type must be Taken, Not Taken or Viewed (in any case,
 *       with or without a blank or underscore: {@code "NOT_TAKEN"}).
 *   <li>Placeholders cannot be used with NOT IN; a placeholder is the only value of its list.
 *   <li>CurrentUser fields appear only in the trailing IF clause, which tests nothing else;
 *       CurrentItem fields only as the operand of an Items condition.
 *   <li>At most {@link io.tastemaker.core.filter.FilterLimits#maxDistinctFields()} distinct dataset
 *       fields (CurrentUser.AGE counts as Users.AGE, CurrentItem.PRICE as Items.PRICE) and
 *       {@link io.tastemaker.core.filter.FilterLimits#maxLength()} characters.
 * </ul>
 *
 * <h2>Evaluation ({@link io.tastemaker.core.filter.CompiledFilter})</h2>
 *
 * <ul>
 *   <li>An expression applies unless its IF clause is false (no user record or no value counts as
 *       false) or, for EXCLUDE, one of its placeholders has no value in {@code filterValues}. An
 *       expression that does not apply is treated as absent. The result is then: the union of the
 *       applying INCLUDE expressions (every item when none applies, so an all-INCLUDE filter whose
 *       expressions do not apply restricts nothing), minus the union of the applying EXCLUDE
 *       expressions.
 *   <li>A missing placeholder of an INCLUDE expression, a malformed value, or a CurrentItem filter
 *       without an item in the request is a {@link io.tastemaker.core.filter.FilterValueException}.
 *       Keys of {@code filterValues} the filter does not use are ignored.
 *   <li>Items conditions test the item's record; an item without a record, or without a value for
 *       the field, satisfies no condition, NOT IN included (as SQL treats NULL). A string field
 *       matches a value by exact text, and a multi-valued one when any of its values does; NOT IN
 *       holds when none does. A numeric field matches a value that is a number, or a string
 *       holding a number, equal to it; {@code < <= > >=} need a numeric field and exactly one
 *       numeric value, and are false otherwise. {@code =} with several values (a placeholder, a
 *       multi-valued CurrentItem field) acts as IN. A CurrentItem field the item has no value for
 *       makes the condition false.
 *   <li>Interactions conditions select the items the requesting user interacted with by a listed
 *       event type (NOT IN: by an unlisted one; {@code "*"}: by any), comparing event types
 *       case-insensitively; Action_Interactions conditions likewise select actions, and Actions
 *       conditions test the action's record as Items conditions test the item's.
 *   <li>Placeholder values: comma-separated double-quoted values, {@code "comedy","drama"}; an
 *       unquoted number is accepted too. A range comparison needs exactly one numeric value.
 * </ul>
 */
package io.tastemaker.core.filter;
