package io.tastemaker.bench.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP request of a fuzz run, before signing: where it goes, its headers and body, and what it
 * tests.
 *
 * @param api {@code control}, {@code runtime}, {@code events} or {@code raw}
 * @param operation the operation the request is built for
 * @param mutation what was done to a valid request ({@code valid} for nothing)
 * @param detail the member and value a mutation touched
 * @param headers name and value pairs, without Host, Content-Length and the signature
 * @param mustRefuse whether a correct server refuses the request (a 2xx answer is then a fault)
 */
record HttpCall(
    String api, String operation, String mutation, String detail, String method, String path, List<Header> headers, byte[] body, boolean mustRefuse) {
  /** A header line. */
  record Header(String name, String value) {}

  HttpCall {
    headers = List.copyOf(headers);
    body = body.clone();
  }

  /** This request with another body, as the named mutation made it. */
  HttpCall withBody(byte[] newBody, Mutation newMutation, String newDetail, boolean refuse) {
    return new HttpCall(api, operation, newMutation.name(), newDetail, method, path, headers, newBody, refuse);
  }

  HttpCall withHeaders(List<Header> newHeaders, Mutation newMutation, String newDetail, boolean refuse) {
    return new HttpCall(api, operation, newMutation.name(), newDetail, method, path, newHeaders, body, refuse);
  }

  HttpCall withTarget(String newMethod, String newPath, Mutation newMutation, String newDetail, boolean refuse) {
    return new HttpCall(api, operation, newMutation.name(), newDetail, newMethod, newPath, headers, body, refuse);
  }

  /** These headers with {@code name} (any case) replaced by {@code value}, or removed when value is null. */
  List<Header> headersWith(String name, String value) {
    List<Header> out = new ArrayList<>();
    for (Header h : headers) {
      if (!h.name().equalsIgnoreCase(name)) {
        out.add(h);
      }
    }
    if (value != null) {
      out.add(new Header(name, value));
    }
    return out;
  }

  /** The body as text, cut to {@code max} characters and control characters escaped, for reports. */
  String bodyExcerpt(int max) {
    String text = new String(body, StandardCharsets.UTF_8);
    return Answer.printable(text.length() <= max ? text : text.substring(0, max) + "... (" + body.length + " bytes)");
  }
}
