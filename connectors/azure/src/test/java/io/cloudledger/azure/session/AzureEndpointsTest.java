package io.cloudledger.azure.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.management.AzureEnvironment;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AzureEndpointsTest {

  @Test
  void of_withoutOverrides_isThePublicCloud() {
    AzureEndpoints endpoints = AzureEndpoints.of(Optional.empty(), Optional.empty());

    assertThat(endpoints.environment()).isSameAs(AzureEnvironment.AZURE);
    assertThat(endpoints.customAuthority()).isFalse();
    assertThat(endpoints.plainHttp()).isEmpty();
  }

  @Test
  void of_plainHttpEndpoint_isGivenToTheSdkAsHttpsAndDowngradedOnTheWire() {
    AzureEndpoints endpoints =
        AzureEndpoints.of(
            Optional.of(URI.create("http://127.0.0.1:8443")),
            Optional.of(URI.create("https://127.0.0.1:8443")));

    assertThat(endpoints.resourceManager()).isEqualTo("https://127.0.0.1:8443/");
    assertThat(endpoints.authorityHost()).isEqualTo("https://127.0.0.1:8443/");
    assertThat(endpoints.customAuthority()).isTrue();
    assertThat(endpoints.plainHttp()).contains(URI.create("http://127.0.0.1:8443"));
    // Everything else of the public cloud stays as it is.
    assertThat(endpoints.environment().getManagementEndpoint())
        .isEqualTo(AzureEnvironment.AZURE.getManagementEndpoint());
  }

  @Test
  void of_sovereignHttpsEndpoint_needsNoRewrite() {
    AzureEndpoints endpoints =
        AzureEndpoints.of(
            Optional.of(URI.create("https://management.chinacloudapi.cn")),
            Optional.of(URI.create("https://login.chinacloudapi.cn")));

    assertThat(endpoints.resourceManager()).isEqualTo("https://management.chinacloudapi.cn/");
    assertThat(endpoints.authorityHost()).isEqualTo("https://login.chinacloudapi.cn/");
    assertThat(endpoints.plainHttp()).isEmpty();
  }
}
