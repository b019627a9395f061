package io.cloudledger.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncRequestCodecTest {
  private static final SyncRequest REQUEST =
      SyncRequest.of(
          "req-1",
          AccountKey.parse("aws#111111111111"),
          Set.of(SyncKind.INVENTORY),
          "schedule",
          Instant.parse("2026-11-23T17:00:00Z"));

  @Test
  void json_roundTrips() {
    String json = SyncRequestCodec.toJson(REQUEST);

    assertThat(json)
        .isEqualTo(
            "{\"schemaVersion\":1,\"requestId\":\"req-1\",\"accountKey\":\"aws#111111111111\","
                + "\"kinds\":[\"inventory\"],\"trigger\":\"schedule\","
                + "\"requestedAt\":\"2026-11-23T17:00:00Z\"}");
    assertThat(SyncRequestCodec.fromJson(json)).isEqualTo(REQUEST);
  }

  @Test
  void fromJson_withUnknownSchemaVersion_isPermanentAndNamesTheVersion() {
    String json =
        SyncRequestCodec.toJson(REQUEST).replace("\"schemaVersion\":1", "\"schemaVersion\":2");

    assertThatThrownBy(() -> SyncRequestCodec.fromJson(json))
        .isInstanceOf(MalformedRequestException.class)
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("unknown schemaVersion 2");
  }

  @Test
  void fromJson_withBadJson_isMalformed() {
    assertThatThrownBy(() -> SyncRequestCodec.fromJson("{not json"))
        .isInstanceOf(MalformedRequestException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> SyncRequestCodec.fromJson(""))
        .isInstanceOf(MalformedRequestException.class);
  }

  @Test
  void fromJson_withUnknownKindOrBadAccount_isMalformed() {
    String json = SyncRequestCodec.toJson(REQUEST);

    assertThatThrownBy(() -> SyncRequestCodec.fromJson(json.replace("inventory", "weather")))
        .isInstanceOf(MalformedRequestException.class)
        .hasMessageContaining("weather");
    assertThatThrownBy(() -> SyncRequestCodec.fromJson(json.replace("aws#111111111111", "aws#1")))
        .isInstanceOf(MalformedRequestException.class)
        .hasMessageContaining("12 digits");
    assertThatThrownBy(
            () -> SyncRequestCodec.fromJson(json.replace("\"kinds\":[\"inventory\"],", "")))
        .isInstanceOf(MalformedRequestException.class);
  }

  @Test
  void continuation_roundTripsWithItsPartAndScopes_andHasItsOwnIdempotencyKey() {
    SyncRequest next =
        REQUEST.continuation(
            SyncKind.INVENTORY,
            Set.of(Scope.of("eu-west-1", ResourceType.VM), Scope.allRegions(ResourceType.STORAGE)));

    String json = SyncRequestCodec.toJson(next);

    assertThat(json).contains("\"unit\":{\"part\":1,\"scopes\":[");
    SyncRequest read = SyncRequestCodec.fromJson(json);
    assertThat(read).isEqualTo(next);
    assertThat(read.unit().scopes())
        .containsExactlyInAnyOrder(
            Scope.of("eu-west-1", ResourceType.VM), Scope.allRegions(ResourceType.STORAGE));
    assertThat(read.idempotencyKey()).isNotEqualTo(REQUEST.idempotencyKey());
    assertThat(read.idempotencyKey().id()).isEqualTo(REQUEST.idempotencyKey().id());
    assertThat(
            read.continuation(SyncKind.INVENTORY, Set.of(Scope.of("eu-west-1", ResourceType.VM)))
                .unit()
                .part())
        .isEqualTo(2);
  }
}
