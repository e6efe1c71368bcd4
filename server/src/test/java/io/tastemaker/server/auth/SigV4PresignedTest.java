package io.tastemaker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Presigned requests, whose signature travels in the query string: the SDK for Java v2's presigner
 * and hand-made ones verify within X-Amz-Expires, and whatever AWS refuses does not.
 */
class SigV4PresignedTest {
  private static final String KEY = "AKIDTASTEMAKER";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2026-11-29T00:27:54Z");
  private static final String AMZ_NOW = "20261129T002754Z";
  private static final String LIST_RECIPES = "{\"recipeProvider\":\"SERVICE\",\"maxResults\":10}";
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  private final SigV4Verifier verifier = verifierAt(NOW);

  // ---- what verifies ----

  @Test
  void a_post_with_a_body_presigned_by_the_sdk_verifies() {
    SignedRequest presigned = presign(controlPlane(), LIST_RECIPES, TEN_MINUTES);

    assertThat(presigned.header("authorization")).isEmpty();
    assertThat(presigned.rawQuery())
        .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256")
        .contains("X-Amz-Expires=600")
        .contains("X-Amz-Signature=");
    assertThat(verifier.verify(presigned)).isEqualTo(KEY);
  }

  @Test
  void a_presigned_request_is_valid_until_its_expiry_and_not_a_second_longer() {
    SignedRequest presigned = presign(controlPlane(), LIST_RECIPES, TEN_MINUTES);

    assertThat(verifierAt(NOW.plus(TEN_MINUTES)).verify(presigned)).isEqualTo(KEY);
    assertFailure(() -> verifierAt(NOW.plus(TEN_MINUTES).plusSeconds(1)).verify(presigned), AuthFailure.SIGNATURE_EXPIRED)
        .hasMessage("Signature expired: 20261129T002754Z is now earlier than 20261129T002755Z (20261129T003755Z - 600 sec.)");
  }

  @Test
  void a_presigned_request_may_live_a_week() {
    SignedRequest presigned = presign(controlPlane(), LIST_RECIPES, PresignedQuery.MAX_EXPIRES);

    assertThat(verifierAt(NOW.plus(PresignedQuery.MAX_EXPIRES)).verify(presigned)).isEqualTo(KEY);
  }

  @Test
  void a_presigned_request_signed_sixteen_minutes_ahead_is_not_yet_current() {
    SignedRequest presigned = presign(controlPlane(), LIST_RECIPES, TEN_MINUTES);

    assertThat(verifierAt(NOW.minus(Duration.ofMinutes(15))).verify(presigned)).isEqualTo(KEY);
    assertFailure(() -> verifierAt(NOW.minus(Duration.ofMinutes(16))).verify(presigned), AuthFailure.SIGNATURE_EXPIRED)
        .hasMessage("Signature not yet current: 20261129T002754Z is still later than 20261129T002654Z (20261129T001154Z + 15 min.)");
  }

  @Test
  void a_hand_made_presigned_request_without_x_amz_expires_lives_fifteen_minutes() {
    SignedRequest presigned = presignByHand(SECRET, "us-east-1", null);

    assertThat(presigned.rawQuery()).doesNotContain("X-Amz-Expires");
    assertThat(verifierAt(NOW.plus(Duration.ofMinutes(15))).verify(presigned)).isEqualTo(KEY);
    assertFailure(() -> verifierAt(NOW.plus(Duration.ofMinutes(16))).verify(presigned), AuthFailure.SIGNATURE_EXPIRED)
        .hasMessageEndingWith("(20261129T004354Z - 15 min.)");
  }

  @Test
  void a_hand_made_presigned_request_verifies_as_the_sdks_does() {
    assertThat(verifier.verify(presignByHand(SECRET, "us-east-1", "60"))).isEqualTo(KEY);
  }

  // ---- tampering ----

  @Test
  void a_body_changed_after_presigning_fails_the_signature() {
    SignedRequest presigned = presign(controlPlane(), LIST_RECIPES, TEN_MINUTES);
    SignedRequest changed = withBody(presigned, LIST_RECIPES.replace("10", "99"));

    assertFailure(() -> verifier.verify(changed), AuthFailure.INVALID_SIGNATURE)
        .hasMessageStartingWith(AuthFailure.INVALID_SIGNATURE.defaultMessage());
  }

  @Test
  void an_unsigned_payload_presigned_by_the_sdk_fails_the_signature() {
    SdkHttpFullRequest https = controlPlane().toBuilder().protocol("https").port(443).build();
    SignedRequest presigned =
        presign(https, LIST_RECIPES, TEN_MINUTES, r -> r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));

    assertFailure(() -> verifier.verify(presigned), AuthFailure.INVALID_SIGNATURE)
        .hasMessageContaining("\n" + SigV4Crypto.sha256Hex(LIST_RECIPES.getBytes(StandardCharsets.UTF_8)) + "'");
  }

  @Test
  void a_changed_query_parameter_or_signature_fails_the_signature() {
    SignedRequest presigned = presign(controlPlane(), LIST_RECIPES, TEN_MINUTES);
    String query = presigned.rawQuery();
    int at = query.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
    String otherSignature = query.substring(0, at) + (query.charAt(at) == '0' ? '1' : '0') + query.substring(at + 1);

    assertFailure(() -> verifier.verify(withQuery(presigned, query + "&extra=1")), AuthFailure.INVALID_SIGNATURE);
    assertFailure(() -> verifier.verify(withQuery(presigned, query.replace("X-Amz-Expires=600", "X-Amz-Expires=6000"))), AuthFailure.INVALID_SIGNATURE);
    assertFailure(() -> verifier.verify(withQuery(presigned, otherSignature)), AuthFailure.INVALID_SIGNATURE);
  }

  @Test
  void a_signature_by_the_wrong_secret_fails_the_signature() {
    assertFailure(() -> verifier.verify(presignByHand("not-the-secret", "us-east-1", "60")), AuthFailure.INVALID_SIGNATURE);
  }

  // ---- refusals as AWS words them ----

  @Test
  void a_presigned_request_scoped_to_another_region_fails_the_signature() {
    SignedRequest presigned =
        presign(controlPlane(), LIST_RECIPES, TEN_MINUTES, r -> r.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1"));

    assertFailure(() -> verifier.verify(presigned), AuthFailure.INVALID_SIGNATURE)
        .hasMessage("Credential should be scoped to a valid region, not 'eu-west-1'. ");
  }

  @Test
  void a_presigned_session_token_is_unknown_to_this_server() {
    SignedRequest presigned =
        presign(controlPlane(), LIST_RECIPES, TEN_MINUTES, r -> r.identity(AwsSessionCredentialsIdentity.create(KEY, SECRET, "token")));

    assertThat(presigned.rawQuery()).contains("X-Amz-Security-Token=token");
    assertFailure(() -> verifier.verify(presigned), AuthFailure.UNRECOGNIZED_CLIENT)
        .hasMessage("The security token included in the request is invalid.");
  }

  @Test
  void missing_query_parameters_are_each_named() {
    SignedRequest request = withQuery(presign(controlPlane(), LIST_RECIPES, TEN_MINUTES), "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=");

    assertFailure(() -> verifier.verify(request), AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessage(
            "AWS query-string parameters must include 'X-Amz-Credential'. "
                + "AWS query-string parameters must include 'X-Amz-Signature'. "
                + "AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
                + "AWS query-string parameters must include 'X-Amz-Date'. "
                + "Re-examine the query-string parameters.");
  }

  @Test
  void x_amz_expires_must_be_a_number_of_seconds_up_to_a_week() {
    SignedRequest presigned = presign(controlPlane(), LIST_RECIPES, TEN_MINUTES);
    String query = presigned.rawQuery();

    assertFailure(() -> verifier.verify(withQuery(presigned, query.replace("X-Amz-Expires=600", "X-Amz-Expires=604801"))), AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessage("X-Amz-Expires must be between 1 and 604800 seconds (one week), got 604801.");
    assertFailure(() -> verifier.verify(withQuery(presigned, query.replace("X-Amz-Expires=600", "X-Amz-Expires=0"))), AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessage("X-Amz-Expires must be between 1 and 604800 seconds (one week), got 0.");
    assertFailure(() -> verifier.verify(withQuery(presigned, query.replace("X-Amz-Expires=600", "X-Amz-Expires=soon"))), AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessage("X-Amz-Expires must be a whole number of seconds, got 'soon'.");
  }

  @Test
  void an_algorithm_other_than_hmac_sha256_is_unsupported() {
    SignedRequest presigned = presign(controlPlane(), LIST_RECIPES, TEN_MINUTES);
    SignedRequest other = withQuery(presigned, presigned.rawQuery().replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512"));

    assertFailure(() -> verifier.verify(other), AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessage("Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ");
  }

  @Test
  void a_repeated_signature_parameter_is_refused() {
    SignedRequest presigned = presign(controlPlane(), LIST_RECIPES, TEN_MINUTES);

    assertFailure(() -> verifier.verify(withQuery(presigned, presigned.rawQuery() + "&X-Amz-Signature=00")), AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessage("The query-string parameter 'X-Amz-Signature' appears more than once.");
  }

  @Test
  void a_signature_in_both_the_query_and_the_header_is_refused() {
    SignedRequest presigned = presign(controlPlane(), LIST_RECIPES, TEN_MINUTES);
    Map<String, List<String>> headers = new LinkedHashMap<>(presigned.headers());
    headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=" + KEY + "/20261129/us-east-1/personalize/aws4_request, SignedHeaders=host, Signature=00"));
    SignedRequest both = new SignedRequest("POST", "/", presigned.rawQuery(), headers, presigned.body());

    assertFailure(() -> verifier.verify(both), AuthFailure.INVALID_SIGNATURE)
        .hasMessage("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }

  // ---- fixtures ----

  private static SigV4Verifier verifierAt(Instant now) {
    return new SigV4Verifier(CredentialStore.of(Map.of(KEY, SECRET)), "us-east-1", Clock.fixed(now, ZoneOffset.UTC));
  }

  private static SdkHttpFullRequest controlPlane() {
    return SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .protocol("http")
        .host("127.0.0.1")
        .port(8080)
        .encodedPath("/")
        .putHeader("X-Amz-Target", "AmazonPersonalize.ListRecipes")
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .build();
  }

  private static SignedRequest presign(SdkHttpFullRequest request, String body, Duration expires) {
    return presign(request, body, expires, r -> {});
  }

  /** Presigns with the SDK's signer (signature in the query string), defaults first and {@code overrides} after. */
  private static SignedRequest presign(
      SdkHttpFullRequest request, String body, Duration expires, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> overrides) {
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r -> {
                  r.request(request)
                      .payload(ContentStreamProvider.fromUtf8String(body))
                      .identity(AwsCredentialsIdentity.create(KEY, SECRET))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "personalize")
                      .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                      .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))
                      .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                      .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires);
                  overrides.accept(r);
                })
            .request();
    return new SignedRequest(
        signed.method().name(),
        signed.encodedPath(),
        signed.encodedQueryParameters().orElse(""),
        signed.headers(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A presigned ListRecipes built by hand with this package's canonical form, as the IAM guide
   * describes it; {@code expires} null leaves X-Amz-Expires out.
   */
  private static SignedRequest presignByHand(String secret, String region, String expires) {
    String scope = "20261129/" + region + "/personalize/aws4_request";
    String query =
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + KEY + "%2F" + scope.replace("/", "%2F") + "&X-Amz-Date=" + AMZ_NOW
            + (expires == null ? "" : "&X-Amz-Expires=" + expires)
            + "&X-Amz-SignedHeaders=host%3Bx-amz-target";
    Map<String, List<String>> headers = Map.of("host", List.of("127.0.0.1:8080"), "x-amz-target", List.of("AmazonPersonalize.ListRecipes"));
    byte[] body = LIST_RECIPES.getBytes(StandardCharsets.UTF_8);
    SignedRequest unsigned = new SignedRequest("POST", "/", query, headers, body);
    String canonical = CanonicalRequest.of(unsigned, List.of("host", "x-amz-target"), SigV4Crypto.sha256Hex(body), true);
    String signature =
        SigV4Crypto.signature(
            SigV4Crypto.signingKey(secret, "20261129", region, "personalize"), SigV4Crypto.stringToSign(AMZ_NOW, scope, canonical));
    return withQuery(unsigned, query + "&X-Amz-Signature=" + signature);
  }

  private static SignedRequest withQuery(SignedRequest request, String rawQuery) {
    return new SignedRequest(request.method(), request.rawPath(), rawQuery, request.headers(), request.body());
  }

  private static SignedRequest withBody(SignedRequest request, String body) {
    return new SignedRequest(
        request.method(), request.rawPath(), request.rawQuery(), request.headers(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(ThrowingCallable call, AuthFailure failure) {
    return assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.failure()).isEqualTo(failure));
  }
}
