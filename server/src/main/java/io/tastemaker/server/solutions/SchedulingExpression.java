package io.tastemaker.server.solutions;

import io.tastemaker.server.wire.ApiException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code autoTrainingConfig.schedulingExpression}: {@code rate(N day)} or {@code rate(N days)}, N from 1 to 30; 7 days when absent. */
public final class SchedulingExpression {
  /** Personalize's default period. */
  public static final Duration DEFAULT = Duration.ofDays(7);
  private static final Pattern RATE = Pattern.compile("rate\\((\\d+) days?\\)");

  private SchedulingExpression() {}

  /**
   * The period an expression names.
   *
   * @param where the member's path in errors
   */
  public static Duration parse(String expression, String where) {
    Matcher m = RATE.matcher(expression);
    if (!m.matches()) {
      throw ApiException.invalidInput(where + " must look like rate(7 days), got " + expression);
    }
    String digits = m.group(1);
    long days = digits.length() > 3 ? Long.MAX_VALUE : Long.parseLong(digits);
    if (days < 1 || days > 30) {
      throw ApiException.invalidInput(where + " must be a rate of 1 to 30 days, got " + expression);
    }
    return Duration.ofDays(days);
  }
}
