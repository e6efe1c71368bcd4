package io.tastemaker.core.affinity;

/** Which users a segment may contain, by the model's user index; user filters compile to one of these. */
@FunctionalInterface
public interface UserMask {
  UserMask ALL = user -> true;

  boolean allows(int user);
}
