package io.tastemaker.bench.reliability;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs raw requests with the AWS SDK's own SigV4 signer, as the Personalize clients sign theirs
 * (service {@code personalize}, region us-east-1), so that fuzzed requests pass authentication and
 * reach the handlers.
 */
final class SigV4Signer {
  private static final Set<String> SIGNABLE = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS");

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final AwsCredentialsIdentity identity;
  private final String authority;
  private final Clock clock;

  /** @param authority the {@code host:port} the requests go to, which the signature covers */
  SigV4Signer(AccessKey key, String authority, Clock clock) {
    this.identity = AwsCredentialsIdentity.create(key.id(), key.secret());
    this.authority = authority;
    this.clock = clock;
  }

  /** The request's headers plus Host, X-Amz-Date and Authorization; unsigned (only Host added) for a method the SDK cannot sign. */
  List<HttpCall.Header> sign(HttpCall call) {
    List<HttpCall.Header> out = new ArrayList<>();
    if (!SIGNABLE.contains(call.method())) {
      out.add(new HttpCall.Header("Host", authority));
      out.addAll(call.headers());
      return out;
    }
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(call.method())).uri(URI.create("http://" + authority + call.path()));
    for (HttpCall.Header h : call.headers()) {
      request.appendHeader(h.name(), h.value());
    }
    SignedRequest signed = signer.sign(r -> r.identity(identity)
        .request(request.build())
        .payload(ContentStreamProvider.fromByteArray(call.body()))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "personalize")
        .putProperty(AwsV4HttpSigner.REGION_NAME, Clients.REGION.id())
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
    for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
      for (String value : header.getValue()) {
        out.add(new HttpCall.Header(header.getKey(), value));
      }
    }
    if (out.stream().noneMatch(h -> h.name().equalsIgnoreCase("Host"))) {
      out.add(0, new HttpCall.Header("Host", authority));
    }
    return out;
  }
}
