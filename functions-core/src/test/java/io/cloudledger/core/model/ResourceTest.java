package io.cloudledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceTest {
  private static final AccountKey ACCOUNT = AccountKey.parse("gcp#demo-project");
  private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void observation_copiesTagsIntoASortedImmutableMap() {
    Map<String, String> tags = new HashMap<>(Map.of("zeta", "1", "alpha", "2"));
    tags.put("empty", null);

    ResourceObservation observation = Observations.vm("europe-west1", "42", tags);
    tags.put("late", "x");

    assertThat(observation.tags().keySet()).containsExactly("alpha", "empty", "zeta");
    assertThat(observation.tags()).containsEntry("empty", "");
    assertThatThrownBy(() -> observation.tags().put("b", "c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void observation_readsMissingDescriptiveFieldsAsEmpty() {
    ResourceObservation observation =
        new ResourceObservation(
            ResourceType.NETWORK, "global", "vpc-1", null, null, null, null, null);

    assertThat(observation.name()).isEmpty();
    assertThat(observation.status()).isEqualTo(ResourceStatus.UNKNOWN);
    assertThat(observation.rawStatus()).isEmpty();
    assertThat(observation.tags()).isEmpty();
  }

  @Test
  void observed_buildsALiveResourceOfTheAccount() {
    ResourceObservation observation = Observations.vm("europe-west1", "42");

    Resource resource =
        Resource.observed(ACCOUNT, observation, ContentHasher.hash(ACCOUNT, observation), NOW, NOW);

    assertThat(resource.accountKey()).isEqualTo(ACCOUNT);
    assertThat(resource.resourceKey()).isEqualTo("vm#europe-west1#42");
    assertThat(resource.deleted()).isFalse();
    assertThat(resource.tombstoned(NOW).deletedAt()).isEqualTo(NOW);
    assertThat(ContentHasher.hash(resource)).isEqualTo(resource.contentHash());
  }

  @Test
  void json_roundTripsAResource() throws Exception {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    ResourceObservation observation = Observations.vm("europe-west1", "42");
    Resource resource =
        Resource.observed(ACCOUNT, observation, ContentHasher.hash(ACCOUNT, observation), NOW, NOW)
            .tombstoned(NOW.plusSeconds(60));

    String json = mapper.writeValueAsString(resource);

    assertThat(json)
        .contains("\"deletedAt\":\"2026-11-01T00:01:00Z\"")
        .doesNotContain("accountKey");
    assertThat(mapper.readValue(json, Resource.class)).isEqualTo(resource);
  }
}
