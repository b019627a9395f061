package io.cloudledger.core.auth;

import java.util.Set;

/** The outcome of checking a presented API key against a required scope. */
public sealed interface AuthDecision {

  /** The key is valid and holds the scope. */
  record Authenticated(String keyName, Set<ApiKeyScope> scopes) implements AuthDecision {}

  /** Missing, malformed, unknown, wrong, expired or revoked: deliberately not told apart. */
  record Unauthenticated() implements AuthDecision {}

  /** A valid key without the required scope. */
  record Forbidden(String keyName) implements AuthDecision {}
}
