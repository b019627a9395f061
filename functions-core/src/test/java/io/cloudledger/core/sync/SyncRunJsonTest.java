package io.cloudledger.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncRunJsonTest {

  @Test
  void json_roundTripsARunForTheStatusEndpoint() throws Exception {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    SyncRun run =
        new SyncRun(
            "req-1",
            AccountKey.parse("azure#3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
            "manual",
            Set.of(ResourceType.VM, ResourceType.NETWORK),
            Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-11-01T00:00:09Z"),
            SyncStatus.PARTIAL,
            new SyncCounts(10, 2, 1, 7, 1, 0),
            List.of(ScopeOutcome.failed(Scope.of("westeurope", ResourceType.VM), "429")),
            12,
            "");

    String json = mapper.writeValueAsString(run);

    assertThat(json)
        .contains("\"account\":\"azure#3f2504e0-4f89-11d3-9a0c-0305e82c3301\"")
        .contains("\"status\":\"PARTIAL\"");
    assertThat(mapper.readValue(json, SyncRun.class)).isEqualTo(run);
  }
}
