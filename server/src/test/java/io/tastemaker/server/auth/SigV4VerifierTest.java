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
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Requests signed in the Authorization header by the AWS SDK for Java v2's own SigV4 signer must
 * verify, and whatever AWS refuses (tampering, an unsigned payload, another region or service, a
 * session token, a skewed clock) must not. Presigned requests: {@link SigV4PresignedTest}.
 */
class SigV4VerifierTest {
  private static final String KEY = "AKIDTASTEMAKER";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2026-11-29T00:27:54Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String LIST_RECIPES = "{\"recipeProvider\":\"SERVICE\",\"maxResults\":10}";

  private final SigV4Verifier verifier =
      new SigV4Verifier(
          CredentialStore.of(Map.of(KEY, SECRET, "AKIDOTHER", "other-secret")), "us-east-1", CLOCK);

  // ---- what the SDK signs must verify ----

  @Test
  void a_control_plane_request_signed_by_the_sdk_verifies() {
    SignedRequest request = sign(controlPlane(), LIST_RECIPES);

    assertThat(verifier.verify(request)).isEqualTo(KEY);
  }

  @Test
  void a_runtime_request_signed_by_the_sdk_verifies() {
    String body =
        "{\"campaignArn\":\"arn:aws:personalize:us-east-1:000000000000:campaign/movies\","
            + "\"userId\":\"u-1\",\"numResults\":5}";
    SdkHttpFullRequest request =
        post("/recommendations").putHeader("Content-Type", "application/json").build();

    assertThat(verifier.verify(sign(request, body))).isEqualTo(KEY);
  }

  @Test
  void a_path_and_query_that_need_encoding_verify() {
    SdkHttpFullRequest request =
        post("/items/caf%C3%A9%20au%20lait/a%2Fb:c+d")
            .putHeader("Content-Type", "application/json")
            .appendRawQueryParameter("filter values", "\"comedy\",\"drama\"")
            .appendRawQueryParameter("b", "2")
            .appendRawQueryParameter("b", "1")
            .appendRawQueryParameter("A", "x+y~z*")
            .appendRawQueryParameter("empty", "")
            .build();
    SignedRequest signed = sign(request, "{}");

    assertThat(signed.rawQuery()).contains("%20").contains("%22");
    assertThat(verifier.verify(signed)).isEqualTo(KEY);
  }

  @Test
  void a_path_with_dot_segments_and_doubled_slashes_verifies() {
    SignedRequest signed = sign(post("/a/./b/../c//d/").build(), "");

    assertThat(signed.rawPath()).isEqualTo("/a/./b/../c//d/");
    assertThat(verifier.verify(signed)).isEqualTo(KEY);
  }

  @Test
  void header_values_with_runs_of_spaces_and_several_values_verify() {
    SdkHttpFullRequest request =
        controlPlane().toBuilder()
            .putHeader("X-Tastemaker-Note", "  spaced    out \t value  ")
            .appendHeader("X-Tastemaker-Multi", "one")
            .appendHeader("X-Tastemaker-Multi", " two  three ")
            .build();

    assertThat(verifier.verify(sign(request, LIST_RECIPES))).isEqualTo(KEY);
  }

  @Test
  void a_server_in_another_region_verifies_credentials_scoped_to_it() {
    SigV4Verifier ireland =
        new SigV4Verifier(CredentialStore.of(Map.of(KEY, SECRET)), "eu-west-1", CLOCK);

    SignedRequest signed =
        sign(controlPlane(), LIST_RECIPES, KEY, SECRET, "personalize", "eu-west-1");

    assertThat(ireland.verify(signed)).isEqualTo(KEY);
  }

  @Test
  void a_credential_scoped_to_another_region_fails_the_signature() {
    SignedRequest signed =
        sign(controlPlane(), LIST_RECIPES, KEY, SECRET, "personalize", "eu-west-1");

    assertFailure(() -> verifier.verify(signed), AuthFailure.INVALID_SIGNATURE)
        .hasMessage("Credential should be scoped to a valid region, not 'eu-west-1'. ");
  }

  @Test
  void a_signed_session_token_is_unknown_to_this_server() {
    SignedRequest signed =
        sign(
            controlPlane(),
            LIST_RECIPES,
            r -> r.identity(AwsSessionCredentialsIdentity.create(KEY, SECRET, "session-token")));

    assertThat(signed.header("authorization").get(0)).contains("x-amz-security-token");
    assertFailure(() -> verifier.verify(signed), AuthFailure.UNRECOGNIZED_CLIENT)
        .hasMessage("The security token included in the request is invalid.");
  }

  @Test
  void an_unsigned_session_token_is_unknown_to_this_server_too() {
    SignedRequest unsignedToken =
        withHeader(sign(controlPlane(), LIST_RECIPES), "X-Amz-Security-Token", "whatever");

    assertFailure(() -> verifier.verify(unsignedToken), AuthFailure.UNRECOGNIZED_CLIENT)
        .hasMessage("The security token included in the request is invalid.");
  }

  @Test
  void an_unsigned_payload_fails_the_signature_with_or_without_a_changed_body() {
    SdkHttpFullRequest request = controlPlane().toBuilder().protocol("https").port(443).build();
    SignedRequest signed =
        sign(
            request,
            LIST_RECIPES,
            r -> r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    SignedRequest changed = withBody(signed, "{\"other\":1}");

    assertThat(signed.header("x-amz-content-sha256")).containsExactly("UNSIGNED-PAYLOAD");
    // The message shows the body's hash where the client signed UNSIGNED-PAYLOAD.
    assertFailure(() -> verifier.verify(signed), AuthFailure.INVALID_SIGNATURE)
        .hasMessageContaining(
            "\ncontent-type;host;x-amz-content-sha256;x-amz-date;x-amz-target\n" + sha256(LIST_RECIPES) + "'");
    assertFailure(() -> verifier.verify(changed), AuthFailure.INVALID_SIGNATURE)
        .hasMessageContaining("\n" + sha256("{\"other\":1}") + "'");
  }

  @Test
  void an_unsigned_payload_signed_by_hand_without_the_header_fails_the_signature_too() {
    SignedRequest signed =
        signByHand(
            unsignedControlPlane("x-amz-date", "20261129T002754Z"),
            "20261129T002754Z",
            List.of("host", "x-amz-date"),
            "UNSIGNED-PAYLOAD");

    assertFailure(() -> verifier.verify(signed), AuthFailure.INVALID_SIGNATURE);
  }

  @Test
  void a_matching_content_sha256_header_verifies() {
    SdkHttpFullRequest request =
        controlPlane().toBuilder().putHeader("X-Amz-Content-Sha256", sha256(LIST_RECIPES)).build();

    assertThat(verifier.verify(sign(request, LIST_RECIPES))).isEqualTo(KEY);
  }

  @Test
  void a_request_exactly_fifteen_minutes_old_or_early_still_verifies() {
    SignedRequest signed = sign(controlPlane(), LIST_RECIPES);

    assertThat(verifierAt(NOW.plus(Duration.ofMinutes(15))).verify(signed)).isEqualTo(KEY);
    assertThat(verifierAt(NOW.minus(Duration.ofMinutes(15))).verify(signed)).isEqualTo(KEY);
  }

  @Test
  void an_unsigned_header_added_after_signing_does_not_matter() {
    SignedRequest signed =
        withHeader(sign(controlPlane(), LIST_RECIPES), "X-Forwarded-For", "10.0.0.1");

    assertThat(verifier.verify(signed)).isEqualTo(KEY);
  }

  // ---- failures ----

  @Test
  void a_request_without_authorization_is_missing_a_token() {
    SignedRequest unsigned = withoutHeader(sign(controlPlane(), LIST_RECIPES), "authorization");

    assertFailure(() -> verifier.verify(unsigned), AuthFailure.MISSING_AUTHENTICATION_TOKEN)
        .hasMessage("Missing Authentication Token");
  }

  @Test
  void a_garbled_authorization_header_is_an_incomplete_signature() {
    SignedRequest signed = sign(controlPlane(), LIST_RECIPES);

    assertFailure(
            () -> verifier.verify(withHeader(signed, "Authorization", "AWS4-HMAC-SHA256 garbage")),
            AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessageContaining("'garbage' not a valid key=value pair");
    assertFailure(
            () -> verifier.verify(withHeader(signed, "Authorization", "Bearer abc.def")),
            AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessageContaining("'Bearer'");
    assertFailure(
        () -> verifier.verify(withHeader(signed, "Authorization", "AWS4-HMAC-SHA256")),
        AuthFailure.INCOMPLETE_SIGNATURE);
  }

  @Test
  void an_authorization_header_missing_parts_names_each_missing_part() {
    String onlyCredential =
        "AWS4-HMAC-SHA256 Credential=" + KEY + "/20261129/us-east-1/personalize/aws4_request";
    SignedRequest request =
        withHeader(sign(controlPlane(), LIST_RECIPES), "Authorization", onlyCredential);

    assertFailure(() -> verifier.verify(request), AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessageContaining("requires 'Signature' parameter")
        .hasMessageContaining("requires 'SignedHeaders' parameter")
        .hasMessageNotContaining("requires 'Credential' parameter");
  }

  @Test
  void a_credential_without_five_parts_is_an_incomplete_signature() {
    SignedRequest signed = sign(controlPlane(), LIST_RECIPES);
    String authorization =
        signed.header("authorization").get(0).replace("/us-east-1/personalize/", "/personalize/");

    assertFailure(
            () -> verifier.verify(withHeader(signed, "Authorization", authorization)),
            AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessage(
            "Credential must have exactly 5 slash-delimited elements, e.g."
                + " keyid/date/region/service/term, got '"
                + KEY
                + "/20261129/personalize/aws4_request'");
  }

  @Test
  void a_signature_that_does_not_cover_host_is_an_incomplete_signature() {
    SignedRequest signed = sign(controlPlane(), LIST_RECIPES);
    String withoutHost = signed.header("authorization").get(0).replace(";host;", ";");

    assertThat(withoutHost).contains("SignedHeaders=content-type;x-amz-content-sha256;");
    assertFailure(
            () -> verifier.verify(withHeader(signed, "Authorization", withoutHost)),
            AuthFailure.INVALID_SIGNATURE)
        .hasMessage("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }

  @Test
  void a_request_without_any_date_is_an_incomplete_signature() {
    SignedRequest request = withoutHeader(sign(controlPlane(), LIST_RECIPES), "x-amz-date");

    assertFailure(() -> verifier.verify(request), AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessageContaining("either a 'X-Amz-Date' or a 'Date' header");
  }

  @Test
  void an_x_amz_date_not_in_basic_format_is_an_incomplete_signature() {
    SignedRequest request =
        withHeader(sign(controlPlane(), LIST_RECIPES), "X-Amz-Date", "2026-11-29T00:27:54Z");

    assertFailure(() -> verifier.verify(request), AuthFailure.INCOMPLETE_SIGNATURE)
        .hasMessageContaining("ISO-8601 'basic format'");
  }

  @Test
  void an_unknown_access_key_is_an_unrecognized_client() {
    SignedRequest signed =
        sign(controlPlane(), LIST_RECIPES, "AKIDUNKNOWN", SECRET, "personalize", "us-east-1");

    assertFailure(() -> verifier.verify(signed), AuthFailure.UNRECOGNIZED_CLIENT)
        .hasMessage("The security token included in the request is invalid.");
  }

  @Test
  void the_wrong_secret_fails_the_signature() {
    SignedRequest signed =
        sign(controlPlane(), LIST_RECIPES, KEY, "not-the-secret", "personalize", "us-east-1");

    assertFailure(() -> verifier.verify(signed), AuthFailure.INVALID_SIGNATURE)
        .hasMessageStartingWith(
            AuthFailure.INVALID_SIGNATURE.defaultMessage()
                + "\n\nThe Canonical String for this request should have been\n'POST\n/\n\n")
        .hasMessageContaining(
            "'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20261129T002754Z\n"
                + "20261129/us-east-1/personalize/aws4_request\n")
        .hasMessageNotContaining("not-the-secret");
  }

  @Test
  void another_keys_secret_fails_the_signature() {
    SignedRequest signed =
        sign(controlPlane(), LIST_RECIPES, KEY, "other-secret", "personalize", "us-east-1");

    assertFailure(() -> verifier.verify(signed), AuthFailure.INVALID_SIGNATURE);
  }

  @Test
  void a_tampered_body_fails_the_signature() {
    SignedRequest tampered =
        withBody(sign(controlPlane(), LIST_RECIPES), LIST_RECIPES.replace("10", "99"));

    assertFailure(() -> verifier.verify(tampered), AuthFailure.INVALID_SIGNATURE);
  }

  @Test
  void a_tampered_signed_header_fails_the_signature() {
    SignedRequest tampered =
        withHeader(
            sign(controlPlane(), LIST_RECIPES), "X-Amz-Target", "AmazonPersonalize.DeleteCampaign");

    assertFailure(() -> verifier.verify(tampered), AuthFailure.INVALID_SIGNATURE);
  }

  @Test
  void a_tampered_path_or_query_fails_the_signature() {
    SignedRequest signed =
        sign(post("/recommendations").appendRawQueryParameter("a", "1").build(), "{}");
    SignedRequest otherPath =
        new SignedRequest(
            "POST", "/personalize-ranking", signed.rawQuery(), signed.headers(), signed.body());
    SignedRequest otherQuery =
        new SignedRequest("POST", signed.rawPath(), "a=2", signed.headers(), signed.body());

    assertThat(verifier.verify(signed)).isEqualTo(KEY);
    assertFailure(() -> verifier.verify(otherPath), AuthFailure.INVALID_SIGNATURE);
    assertFailure(() -> verifier.verify(otherQuery), AuthFailure.INVALID_SIGNATURE);
  }

  @Test
  void an_upper_case_signature_fails_the_signature() {
    SignedRequest signed = sign(controlPlane(), LIST_RECIPES);
    String authorization = signed.header("authorization").get(0);
    int at = authorization.indexOf("Signature=") + "Signature=".length();
    String upper = authorization.substring(0, at) + authorization.substring(at).toUpperCase();

    assertFailure(
        () -> verifier.verify(withHeader(signed, "Authorization", upper)),
        AuthFailure.INVALID_SIGNATURE);
  }

  @Test
  void a_request_signed_sixteen_minutes_ago_has_an_expired_signature() {
    SignedRequest signed = sign(controlPlane(), LIST_RECIPES);
    SigV4Verifier later = verifierAt(NOW.plus(Duration.ofMinutes(16)));

    // now 00:43:54, so the earliest acceptable time is 00:43:54 - 15 min = 00:28:54.
    assertFailure(() -> later.verify(signed), AuthFailure.SIGNATURE_EXPIRED)
        .hasMessage(
            "Signature expired: 20261129T002754Z is now earlier than 20261129T002854Z"
                + " (20261129T004354Z - 15 min.)");
  }

  @Test
  void a_request_signed_sixteen_minutes_ahead_is_not_yet_current() {
    SignedRequest signed = sign(controlPlane(), LIST_RECIPES);
    SigV4Verifier earlier = verifierAt(NOW.minus(Duration.ofMinutes(16)));

    // now 00:11:54, so the latest acceptable time is 00:11:54 + 15 min = 00:26:54.
    assertFailure(() -> earlier.verify(signed), AuthFailure.SIGNATURE_EXPIRED)
        .hasMessage(
            "Signature not yet current: 20261129T002754Z is still later than 20261129T002654Z"
                + " (20261129T001154Z + 15 min.)");
  }

  @Test
  void a_credential_scoped_to_another_day_fails_the_signature() {
    Instant beforeMidnight = Instant.parse("2026-11-29T23:59:00Z");
    SignedRequest signed =
        sign(controlPlane(), LIST_RECIPES, Clock.fixed(beforeMidnight, ZoneOffset.UTC));
    SignedRequest nextDay = withHeader(signed, "X-Amz-Date", "20261130T000100Z");

    assertFailure(() -> verifierAt(beforeMidnight).verify(nextDay), AuthFailure.INVALID_SIGNATURE)
        .hasMessageContaining("'20261129' != '20261130'");
  }

  @Test
  void a_credential_scoped_to_another_service_fails_the_signature() {
    SignedRequest signed =
        sign(controlPlane(), LIST_RECIPES, KEY, SECRET, "personalize-runtime", "us-east-1");

    assertFailure(() -> verifier.verify(signed), AuthFailure.INVALID_SIGNATURE)
        .hasMessage("Credential should be scoped to correct service: 'personalize'. ");
  }

  @Test
  void every_wrong_element_of_the_scope_is_named_in_one_message() {
    SignedRequest signed = sign(controlPlane(), LIST_RECIPES);
    String authorization =
        signed
            .header("authorization")
            .get(0)
            .replace("/20261129/us-east-1/personalize/aws4_request", "/20261128/us-west-2/s3/aws5_request");

    assertFailure(
            () -> verifier.verify(withHeader(signed, "Authorization", authorization)),
            AuthFailure.INVALID_SIGNATURE)
        .hasMessage(
            "Credential should be scoped to a valid region, not 'us-west-2'. "
                + "Credential should be scoped to correct service: 'personalize'. "
                + "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "
                + "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
                + " HTTP: '20261128' != '20261129', from '20261129T002754Z'.");
  }

  @Test
  void a_content_sha256_that_does_not_match_the_body_fails_the_signature() {
    SignedRequest mismatched =
        withHeader(sign(controlPlane(), LIST_RECIPES), "X-Amz-Content-Sha256", sha256("{}"));

    assertFailure(() -> verifier.verify(mismatched), AuthFailure.INVALID_SIGNATURE)
        .hasMessageStartingWith(AuthFailure.INVALID_SIGNATURE.defaultMessage());
  }

  @Test
  void a_stale_date_header_is_read_when_there_is_no_x_amz_date() {
    SignedRequest request =
        withHeader(
            withoutHeader(sign(controlPlane(), LIST_RECIPES), "x-amz-date"),
            "Date",
            "Sun, 29 Nov 2026 00:00:00 GMT");

    assertFailure(() -> verifier.verify(request), AuthFailure.SIGNATURE_EXPIRED)
        .hasMessageStartingWith("Signature expired: 20261129T000000Z");
  }

  @Test
  void a_current_date_header_stands_in_for_x_amz_date() {
    // Signed by hand: the SDK always sends X-Amz-Date.
    SignedRequest request =
        signByHand(
            unsignedControlPlane("date", "Sun, 29 Nov 2026 00:27:54 GMT"),
            "20261129T002754Z",
            List.of("date", "host"));

    assertThat(verifier.verify(request)).isEqualTo(KEY);
  }

  @Test
  void a_tampered_body_fails_the_signature_without_a_content_sha256_header() {
    // Signed by hand: the SDK always sends X-Amz-Content-Sha256, botocore and the AWS CLI do not.
    SignedRequest signed =
        signByHand(
            unsignedControlPlane("x-amz-date", "20261129T002754Z"),
            "20261129T002754Z",
            List.of("host", "x-amz-date"));
    SignedRequest tampered = withBody(signed, LIST_RECIPES.replace("10", "99"));

    assertThat(verifier.verify(signed)).isEqualTo(KEY);
    assertFailure(() -> verifier.verify(tampered), AuthFailure.INVALID_SIGNATURE)
        .hasMessageStartingWith(AuthFailure.INVALID_SIGNATURE.defaultMessage());
  }

  // ---- fixtures ----

  private static SdkHttpFullRequest.Builder post(String encodedPath) {
    return SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .protocol("http")
        .host("127.0.0.1")
        .port(8080)
        .encodedPath(encodedPath);
  }

  private static SdkHttpFullRequest controlPlane() {
    return post("/")
        .putHeader("X-Amz-Target", "AmazonPersonalize.ListRecipes")
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .build();
  }

  private static SigV4Verifier verifierAt(Instant now) {
    return new SigV4Verifier(
        CredentialStore.of(Map.of(KEY, SECRET)), "us-east-1", Clock.fixed(now, ZoneOffset.UTC));
  }

  private static SignedRequest sign(SdkHttpFullRequest request, String body) {
    return sign(request, body, r -> {});
  }

  private static SignedRequest sign(SdkHttpFullRequest request, String body, Clock clock) {
    return sign(request, body, r -> r.putProperty(HttpSigner.SIGNING_CLOCK, clock));
  }

  private static SignedRequest sign(
      SdkHttpFullRequest request,
      String body,
      String key,
      String secret,
      String service,
      String region) {
    return sign(
        request,
        body,
        r ->
            r.identity(AwsCredentialsIdentity.create(key, secret))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
  }

  /**
   * Signs with the SDK's signer, defaults first and {@code overrides} after, and converts the
   * result.
   */
  private static SignedRequest sign(
      SdkHttpFullRequest request,
      String body,
      Consumer<SignRequest.Builder<AwsCredentialsIdentity>> overrides) {
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r -> {
                  r.request(request)
                      .payload(ContentStreamProvider.fromUtf8String(body))
                      .identity(AwsCredentialsIdentity.create(KEY, SECRET))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "personalize")
                      .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                      .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK);
                  overrides.accept(r);
                })
            .request();
    // The signer adds the Host header it signed, so the headers are what goes on the wire.
    return new SignedRequest(
        signed.method().name(),
        signed.encodedPath(),
        signed.encodedQueryParameters().orElse(""),
        signed.headers(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static SignedRequest withHeader(SignedRequest request, String name, String value) {
    Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
    headers.put(name.toLowerCase(Locale.ROOT), List.of(value));
    return new SignedRequest(
        request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
  }

  private static SignedRequest withoutHeader(SignedRequest request, String name) {
    Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
    headers.remove(name);
    return new SignedRequest(
        request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
  }

  private static SignedRequest withBody(SignedRequest request, String body) {
    return new SignedRequest(
        request.method(),
        request.rawPath(),
        request.rawQuery(),
        request.headers(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static SignedRequest unsignedControlPlane(String dateHeader, String date) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("host", List.of("127.0.0.1:8080"));
    headers.put(dateHeader, List.of(date));
    return new SignedRequest(
        "POST", "/", "", headers, LIST_RECIPES.getBytes(StandardCharsets.UTF_8));
  }

  /** Signs with this package's own canonical form, for what the SDK cannot be made to send. */
  private static SignedRequest signByHand(
      SignedRequest unsigned, String amzDate, List<String> signedHeaders) {
    return signByHand(unsigned, amzDate, signedHeaders, SigV4Crypto.sha256Hex(unsigned.body()));
  }

  private static SignedRequest signByHand(
      SignedRequest unsigned, String amzDate, List<String> signedHeaders, String payloadHash) {
    String day = amzDate.substring(0, 8);
    String scope = day + "/us-east-1/personalize/aws4_request";
    String canonical = CanonicalRequest.of(unsigned, signedHeaders, payloadHash, false);
    String signature =
        SigV4Crypto.signature(
            SigV4Crypto.signingKey(SECRET, day, "us-east-1", "personalize"),
            SigV4Crypto.stringToSign(amzDate, scope, canonical));
    return withHeader(
        unsigned,
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + KEY
            + "/"
            + scope
            + ", SignedHeaders="
            + String.join(";", signedHeaders)
            + ", Signature="
            + signature);
  }

  private static String sha256(String body) {
    return SigV4Crypto.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(
      ThrowingCallable call, AuthFailure failure) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AuthException.class, e -> assertThat(e.failure()).isEqualTo(failure));
  }
}
