package io.cloudledger.azurefn.rotation;

import static io.cloudledger.core.rotation.SecretVersions.CURRENT;
import static io.cloudledger.core.rotation.SecretVersions.PENDING;
import static io.cloudledger.core.rotation.SecretVersions.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cloudledger.azurefn.TestExecutionContext;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.rotation.InMemoryVersionedSecrets;
import io.cloudledger.core.rotation.RandomPasswordTarget;
import io.cloudledger.core.rotation.RotationTarget;
import io.cloudledger.core.rotation.SecretVersions;
import io.cloudledger.core.rotation.VersionedSecrets;
import io.cloudledger.core.secrets.SecretValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Key Vault near-expiry events (real Event Grid JSON) through the function and the core rotation.
 */
class SecretNearExpiryFunctionTest {
  private static final String VAULT = "cloudledger-kv";
  private static final String SECRET = "db-password";
  private static final String OLD_VERSION = "ee059b2bb5bc48398a53b168c6cdcb10";
  private static final String OLD_VALUE = "old-Password-1234567890-abcdefghij";

  private final InMemoryVersionedSecrets vault = new InMemoryVersionedSecrets(Clock.systemUTC());
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(SecretNearExpiryFunction.class);

  @BeforeEach
  void createSecretAndCaptureLogs() {
    vault.create(SECRET, OLD_VERSION, SecretValue.of(OLD_VALUE));
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    logger.detachAppender(logs);
  }

  private Function<String, VersionedSecrets> vaults() {
    return name -> {
      if (!name.equals(VAULT)) {
        throw new PermanentException("unknown-vault", "no vault " + name);
      }
      return vault;
    };
  }

  private SecretNearExpiryFunction function(
      String targets, Map<String, Supplier<RotationTarget>> kinds) {
    return new SecretNearExpiryFunction(
        new SecretRotations(RotationTargets.parse(targets, kinds), vaults()));
  }

  @Test
  void nearExpiry_ofAConfiguredPassword_makesANewRandomPasswordCurrent() {
    String event = fixture("keyvault_secret_near_expiry.json");

    function(SECRET + "=random-password", Map.of()).run(event, context());

    SecretVersions versions = vault.versions(SECRET);
    String token = SecretNearExpiryEvent.parse(event).rotationToken();
    assertThat(versions.withStage(CURRENT).orElseThrow().versionId()).isEqualTo(token);
    assertThat(versions.withStage(PREVIOUS).orElseThrow().versionId()).isEqualTo(OLD_VERSION);
    assertThat(versions.withStage(PENDING)).isEmpty();
    String next = vault.valueAt(SECRET, CURRENT).orElseThrow().reveal();
    assertThat(next).hasSize(RandomPasswordTarget.DEFAULT_LENGTH).matches("[A-Za-z0-9]+");
    assertThat(next).isNotEqualTo(OLD_VALUE);
    assertThat(logText()).contains(SECRET, token).doesNotContain(OLD_VALUE).doesNotContain(next);
  }

  @Test
  void nearExpiry_deliveredAgainInEitherSchema_changesNothingMore() {
    SecretNearExpiryFunction function = function(SECRET + "=random-password", Map.of());
    function.run(fixture("keyvault_secret_near_expiry.json"), context());
    SecretVersions once = vault.versions(SECRET);
    SecretValue value = vault.valueAt(SECRET, CURRENT).orElseThrow();

    function.run(fixture("keyvault_secret_near_expiry.json"), context());
    function.run(fixture("keyvault_secret_near_expiry_cloudevent.json"), context());

    assertThat(vault.versions(SECRET)).isEqualTo(once);
    assertThat(vault.valueAt(SECRET, CURRENT)).contains(value);
  }

  @Test
  void nearExpiry_whenAStepFailsOnce_throwsAndTheRedeliveryCompletesTheSameRotation() {
    AtomicInteger sets = new AtomicInteger();
    RotationTarget flaky = new FailingFirstSet(RandomPasswordTarget.withDefaults(), sets);
    SecretNearExpiryFunction function =
        function(VAULT + "/" + SECRET + "=flaky", Map.of("flaky", () -> flaky));
    String event = fixture("keyvault_secret_near_expiry.json");

    assertThatThrownBy(() -> function.run(event, context())).isInstanceOf(RetryableException.class);
    assertThat(vault.versions(SECRET).withStage(PENDING)).isPresent();
    assertThat(vault.valueAt(SECRET, CURRENT)).contains(SecretValue.of(OLD_VALUE));
    function.run(event, context());

    SecretVersions versions = vault.versions(SECRET);
    assertThat(versions.versions()).filteredOn(v -> v.has(CURRENT)).hasSize(1);
    assertThat(versions.withStage(CURRENT).orElseThrow().versionId())
        .isEqualTo(SecretNearExpiryEvent.parse(event).rotationToken());
    assertThat(versions.withStage(PREVIOUS).orElseThrow().versionId()).isEqualTo(OLD_VERSION);
    assertThat(versions.withStage(PENDING)).isEmpty();
    assertThat(sets.get()).isEqualTo(2);
  }

  @Test
  void nearExpiry_ofASecretWithoutATarget_isAcknowledgedAndLeavesItAlone() {
    function("other-secret=random-password", Map.of())
        .run(fixture("keyvault_secret_near_expiry.json"), context());

    assertThat(vault.versions(SECRET).versions()).hasSize(1);
    assertThat(logText()).contains("no rotation target configured");
  }

  @Test
  void otherKeyVaultEvents_areAcknowledgedAndRotateNothing() {
    function(SECRET + "=random-password", Map.of())
        .run(fixture("keyvault_secret_new_version.json"), context());

    assertThat(vault.versions(SECRET).versions()).hasSize(1);
    assertThat(logText()).contains("not a near-expiry event");
  }

  @Test
  void aMalformedEvent_failsPermanently() {
    SecretNearExpiryFunction function = function(SECRET + "=random-password", Map.of());

    assertThatThrownBy(() -> function.run("{\"eventType\": ", context()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> function.run("{\"eventType\": \"x\", \"data\": {}}", context()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("not a Key Vault event");
  }

  private String logText() {
    StringBuilder text = new StringBuilder();
    logs.list.forEach(e -> text.append(e.getFormattedMessage()).append('\n'));
    return text.toString();
  }

  private static TestExecutionContext context() {
    return TestExecutionContext.of("secretNearExpiry");
  }

  static String fixture(String name) {
    try (InputStream in =
        SecretNearExpiryFunctionTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A target whose first {@code set} fails as a crash or outage would. */
  private record FailingFirstSet(RotationTarget delegate, AtomicInteger sets)
      implements RotationTarget {
    @Override
    public String kind() {
      return "flaky";
    }

    @Override
    public SecretValue create(SecretValue current, Optional<SecretValue> previous) {
      return delegate.create(current, previous);
    }

    @Override
    public void set(SecretValue pending, SecretValue current) {
      if (sets.incrementAndGet() == 1) {
        throw new RetryableException("target-unreachable", "the target did not answer");
      }
      delegate.set(pending, current);
    }

    @Override
    public void test(SecretValue pending) {
      delegate.test(pending);
    }

    @Override
    public String retire(SecretValue previous, SecretValue current, Instant supersededAt) {
      return delegate.retire(previous, current, supersededAt);
    }
  }
}
