package io.tastemaker.server.testing;

/** Avro schemas for the tests, one per dataset type. */
public final class Schemas {
  public static final String INTERACTIONS =
      """
      {"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},
        {"name":"ITEM_ID","type":"string"},
        {"name":"EVENT_TYPE","type":"string"},
        {"name":"EVENT_VALUE","type":["float","null"]},
        {"name":"TIMESTAMP","type":"long"}],"version":"1.0"}""";

  public static final String ITEMS =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},
        {"name":"GENRES","type":["null","string"],"categorical":true},
        {"name":"CREATION_TIMESTAMP","type":"long"}],"version":"1.0"}""";

  public static final String USERS =
      """
      {"type":"record","name":"Users","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},
        {"name":"AGE","type":"int"},
        {"name":"GENDER","type":"string","categorical":true}],"version":"1.0"}""";

  /** Next-Best-Action's actions (PlantedActions writes these columns). */
  public static final String ACTIONS =
      """
      {"type":"record","name":"Actions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ACTION_ID","type":"string"},
        {"name":"VALUE","type":["null","long"]},
        {"name":"EXPIRATION_TIMESTAMP","type":["null","long"]},
        {"name":"REPEAT_FREQUENCY","type":["null","int"]}],"version":"1.0"}""";

  /** Next-Best-Action's action interactions, the guide's example. */
  public static final String ACTION_INTERACTIONS =
      """
      {"type":"record","name":"ActionInteractions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},
        {"name":"ACTION_ID","type":"string"},
        {"name":"EVENT_TYPE","type":"string"},
        {"name":"TIMESTAMP","type":"long"}],"version":"1.0"}""";

  private Schemas() {}
}
