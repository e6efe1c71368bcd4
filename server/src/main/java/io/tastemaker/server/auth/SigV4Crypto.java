package io.tastemaker.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hashing of AWS Signature Version 4: SHA-256 digests and the HMAC-SHA256 key chain. */
final class SigV4Crypto {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String TERMINATOR = "aws4_request";

  private static final HexFormat HEX = HexFormat.of();

  private SigV4Crypto() {}

  /**
   * The key that signs requests for one day, region and service: the HMAC chain from "AWS4" +
   * secret.
   */
  static byte[] signingKey(String secret, String date, String region, String service) {
    byte[] key = hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmacSha256(key, region);
    key = hmacSha256(key, service);
    return hmacSha256(key, TERMINATOR);
  }

  /** The string a signature is the HMAC of. */
  static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return ALGORITHM
        + '\n'
        + amzDate
        + '\n'
        + scope
        + '\n'
        + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex signature of a string to sign. */
  static String signature(byte[] signingKey, String stringToSign) {
    return HEX.formatHex(hmacSha256(signingKey, stringToSign));
  }

  static byte[] hmacSha256(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  static String sha256Hex(byte[] data) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
