package io.tastemaker.server;

/** The {@code tastemaker} command line entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("tastemaker");
  }
}
