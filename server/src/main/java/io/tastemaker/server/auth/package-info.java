/**
 * Request authentication: AWS Signature Version 4 over the access keys the operator configures.
 *
 * <p>{@link io.tastemaker.server.auth.SigV4Verifier} checks a {@link
 * io.tastemaker.server.auth.SignedRequest}, signed in its Authorization header or presigned in its
 * query string, against a {@link io.tastemaker.server.auth.CredentialStore} and the server's region,
 * and answers with the access key id or an {@link io.tastemaker.server.auth.AuthException} that
 * names the AWS error to send back.
 */
package io.tastemaker.server.auth;
