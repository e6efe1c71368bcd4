package io.tastemaker.core.hrnn;

/**
 * How much of a user's answer the previous session keeps (issue 14). The network scores the next
 * interaction from the session state, which follows the latest interactions closely: right after a
 * session starts it rests on one event, and on MovieLens one click replaced the whole list. So the
 * answer is a mixture of two distributions of the same model, {@code (1 - w) softmax(h) + w
 * softmax(h_previous)}, where {@code h_previous} is the state the previous session ended in: the
 * answer the user had before this session. With {@code n} interactions in the current session,
 * {@code w = 1 / (1 + n)}: the previous session weighs as much as one interaction of this one, so
 * one click shifts the list and a session's worth of them takes it over. A user's first session has
 * no previous one ({@code w = 0}). A mixture of two distributions is one, so the scores of all items
 * still sum to 1.
 */
final class SessionBlend {
  /** How many interactions of the current session the previous session weighs as. */
  static final double PREVIOUS_SESSION_WEIGHT = 1;

  private SessionBlend() {}

  /**
   * The state a session's answer is scored from: the new session's state {@code h} moved by the
   * previous session's share {@code w} towards the previous session carried on through this one's
   * interactions, {@code (1 - w) h + w h_carried}. A new session starts from the user-level state,
   * which keeps less of the user than the previous session's state does, and the carried state reads
   * the new interactions as the network reads them inside a session: on MovieLens-1M, where the
   * model never sees a real session start, a returning user's latest event then counts as it does in
   * the session.
   */
  static void scoreFromBlendedState(UserState s) {
    double w = weight(s);
    if (w == 0 || s.carried.length == 0) {
      return;
    }
    for (int p = 0; p < s.h.length; p++) {
      s.h[p] = (float) ((1 - w) * s.h[p] + w * s.carried[p]);
    }
  }

  /** The previous session's share of the user's answer. */
  static double weight(UserState s) {
    if (s.previous.length == 0 || s.sessionLength == 0) {
      return 0;
    }
    return PREVIOUS_SESSION_WEIGHT / (PREVIOUS_SESSION_WEIGHT + s.sessionLength);
  }
}
