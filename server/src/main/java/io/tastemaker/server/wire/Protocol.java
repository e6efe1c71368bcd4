package io.tastemaker.server.wire;

/** The two AWS wire protocols Personalize uses. */
public enum Protocol {
  /** The control plane: {@code POST /} with {@code X-Amz-Target}. */
  AWS_JSON_1_1("application/x-amz-json-1.1"),
  /** Runtime and events: fixed paths, JSON bodies. */
  REST_JSON_1("application/json");

  private final String contentType;

  Protocol(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  static Protocol parse(String name) {
    return switch (name) {
      case "awsJson1_1" -> AWS_JSON_1_1;
      case "restJson1" -> REST_JSON_1;
      default -> throw new IllegalArgumentException("unknown protocol " + name);
    };
  }
}
