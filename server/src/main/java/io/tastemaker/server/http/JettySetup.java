package io.tastemaker.server.http;

import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP/1.1 connector the APIs are served on, and the error handler that answers Jetty's own
 * errors in the APIs' JSON shape.
 *
 * <p>Compliance is strict on purpose: a request with both Content-Length and Transfer-Encoding
 * (the shape of request smuggling) and ambiguous paths ({@code //recommendations}, {@code %2F},
 * encoded dot segments) are refused, not guessed at; {@link HttpErrorHandler} says why in JSON.
 */
public final class JettySetup {
  private JettySetup() {}

  /** A connector on {@code server} with the API's HTTP settings; the caller sets host and port. */
  public static ServerConnector connector(Server server) {
    HttpConfiguration config = new HttpConfiguration();
    config.setHttpCompliance(HttpCompliance.RFC9110);
    config.setUriCompliance(UriCompliance.DEFAULT);
    config.setSendServerVersion(false);
    server.setErrorHandler(new HttpErrorHandler());
    return new ServerConnector(server, new HttpConnectionFactory(config));
  }
}
