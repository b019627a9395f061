package io.cloudledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.auth.ApiKeyAdmin;
import io.cloudledger.core.auth.ApiKeyAuthenticator;
import io.cloudledger.core.auth.ApiKeyScope;
import io.cloudledger.core.auth.Argon2KeyHasher;
import io.cloudledger.core.auth.AuthDecision;
import io.cloudledger.core.auth.CreatedApiKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** API keys on DynamoDB Local: round trip, lookup by name, and no key material at rest. */
@ExtendWith(DynamoDbLocal.class)
class DynamoDbApiKeyStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final SecureRandom random = new SecureRandom();
  private final Argon2KeyHasher hasher = Argon2KeyHasher.owasp(random);
  private DynamoDbClient client;
  private DynamoDbApiKeyStore store;
  private ApiKeyAdmin admin;

  @BeforeEach
  void createTables() {
    client = DynamoDbLocal.client();
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    store = new DynamoDbApiKeyStore(client, prefix);
    admin = new ApiKeyAdmin(store, hasher, random, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void create_thenFind_returnsTheSameRecord() {
    CreatedApiKey created =
        admin.create(
            "ci",
            Set.of(ApiKeyScope.SYNC_TRIGGER, ApiKeyScope.SYNC_READ),
            Optional.of(Duration.ofDays(90)));

    assertThat(store.find(created.record().keyId())).contains(created.record());
    assertThat(store.findByName("ci")).containsExactly(created.record());
    assertThat(store.list()).containsExactly(created.record());
    assertThat(created.record().expiresAt()).contains(NOW.plus(Duration.ofDays(90)));
  }

  @Test
  void storedItem_holdsNoSubstringOfTheKey() {
    CreatedApiKey created = admin.create("ci", Set.of(ApiKeyScope.SYNC_TRIGGER), Optional.empty());
    String key = created.key().reveal();
    // The key id is public by design (it finds the record); the secret after it must not be there.
    String secret = key.substring(("cl_" + created.record().keyId() + "_").length());

    List<Map<String, AttributeValue>> items =
        client.scan(r -> r.tableName(store.tableName())).items();
    assertThat(items).hasSize(1);
    String stored = items.get(0).toString();
    for (int i = 0; i + 8 <= secret.length(); i++) {
      assertThat(stored).doesNotContain(secret.substring(i, i + 8));
    }
    assertThat(stored).doesNotContain(key);
    // And the record still verifies the key: the hash is of the key, not of something else.
    assertThat(hasher.verify(created.record().hash(), key)).isTrue();
  }

  @Test
  void revoke_byName_makesTheKeyFailAtOnce_andAllowsTheNameAgain() {
    CreatedApiKey created = admin.create("ci", Set.of(ApiKeyScope.SYNC_TRIGGER), Optional.empty());
    ApiKeyAuthenticator authenticator =
        new ApiKeyAuthenticator(store, hasher, Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(
            authenticator.authenticate(
                Optional.of(created.key().reveal()), ApiKeyScope.SYNC_TRIGGER))
        .isInstanceOf(AuthDecision.Authenticated.class);

    assertThat(admin.revoke("ci")).isTrue();

    assertThat(
            authenticator.authenticate(
                Optional.of(created.key().reveal()), ApiKeyScope.SYNC_TRIGGER))
        .isInstanceOf(AuthDecision.Unauthenticated.class);
    assertThat(store.find(created.record().keyId()).orElseThrow().revokedAt()).contains(NOW);
    assertThat(store.find(created.record().keyId()).orElseThrow().lastUsedAt()).contains(NOW);
    assertThat(admin.revoke("ci")).isFalse();
    assertThat(admin.create("ci", Set.of(ApiKeyScope.SYNC_READ), Optional.empty()).record().name())
        .isEqualTo("ci");
  }
}
