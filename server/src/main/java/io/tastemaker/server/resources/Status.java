package io.tastemaker.server.resources;

import java.util.Set;

/** The lifecycle status strings, spelled as Personalize spells them on the wire. */
public final class Status {
  public static final String CREATE_PENDING = "CREATE PENDING";
  public static final String CREATE_IN_PROGRESS = "CREATE IN_PROGRESS";
  public static final String ACTIVE = "ACTIVE";
  public static final String CREATE_FAILED = "CREATE FAILED";
  public static final String CREATE_STOPPING = "CREATE STOPPING";
  public static final String CREATE_STOPPED = "CREATE STOPPED";
  public static final String DELETE_PENDING = "DELETE PENDING";
  public static final String DELETE_IN_PROGRESS = "DELETE IN_PROGRESS";
  /** A recommender on its way to INACTIVE (StopRecommender), and back (StartRecommender). */
  public static final String STOP_PENDING = "STOP PENDING";
  public static final String STOP_IN_PROGRESS = "STOP IN_PROGRESS";
  public static final String INACTIVE = "INACTIVE";
  public static final String START_PENDING = "START PENDING";
  public static final String START_IN_PROGRESS = "START IN_PROGRESS";

  /** Statuses of work that has not finished yet. */
  public static final Set<String> UNFINISHED = Set.of(CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_STOPPING);

  /** Statuses of resources on their way out. */
  public static final Set<String> DELETING = Set.of(DELETE_PENDING, DELETE_IN_PROGRESS);

  private Status() {}
}
