package io.tastemaker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4CryptoTest {
  private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  @Test
  void the_signing_key_matches_the_aws_documentation_example() {
    // AWS's "derive a signing key" example: 20150830, us-east-1, iam.
    byte[] key = SigV4Crypto.signingKey(EXAMPLE_SECRET, "20150830", "us-east-1", "iam");

    assertThat(SigV4Crypto.hex(key))
        .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  }

  @Test
  void the_empty_body_hashes_to_the_well_known_sha256() {
    assertThat(SigV4Crypto.sha256Hex(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void get_vanilla_from_the_aws_sigv4_test_suite_gets_its_published_signature() {
    assertThat(testSuiteSignature(""))
        .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void get_vanilla_query_order_key_case_from_the_test_suite_gets_its_published_signature() {
    assertThat(testSuiteSignature("Param2=value2&Param1=value1"))
        .isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  }

  /** A GET / of the aws-sig-v4-test-suite, signed for service "service" at 20150830T123600Z. */
  private static String testSuiteSignature(String rawQuery) {
    SignedRequest request =
        new SignedRequest(
            "GET",
            "/",
            rawQuery,
            Map.of(
                "Host",
                List.of("example.amazonaws.com"),
                "X-Amz-Date",
                List.of("20150830T123600Z")),
            new byte[0]);
    String canonical =
        CanonicalRequest.of(
            request,
            List.of("host", "x-amz-date"),
            SigV4Crypto.sha256Hex("".getBytes(StandardCharsets.UTF_8)),
            false);
    String stringToSign =
        SigV4Crypto.stringToSign(
            "20150830T123600Z", "20150830/us-east-1/service/aws4_request", canonical);
    byte[] key = SigV4Crypto.signingKey(EXAMPLE_SECRET, "20150830", "us-east-1", "service");
    return SigV4Crypto.signature(key, stringToSign);
  }
}
