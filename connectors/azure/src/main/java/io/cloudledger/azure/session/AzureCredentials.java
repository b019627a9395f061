package io.cloudledger.azure.session;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.cloudledger.core.config.AzureAuth;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.ConfigResolver;
import java.util.Optional;

/** Builds a session's {@link TokenCredential}: service principal, managed identity or default. */
final class AzureCredentials {
  private AzureCredentials() {}

  static TokenCredential create(
      AzureSession session,
      ConfigResolver resolver,
      AzureEndpoints endpoints,
      HttpClient httpClient,
      Optional<HttpPipelinePolicy> rewrite) {
    Optional<String> tenantId = resolver.resolveOptionalText(session.tenantId());
    return switch (session.auth()) {
      case AzureAuth.ClientSecret secret -> {
        ClientSecretCredentialBuilder builder =
            new ClientSecretCredentialBuilder()
                .tenantId(resolver.resolveText(session.tenantId()))
                .clientId(resolver.resolveText(session.clientId()))
                .clientSecret(resolver.resolveSecret(secret.clientSecret()).reveal())
                .authorityHost(endpoints.authorityHost())
                .httpClient(httpClient);
        if (endpoints.customAuthority()) {
          // Otherwise MSAL asks login.microsoftonline.com whether the authority is known.
          builder.disableInstanceDiscovery();
        }
        rewrite.ifPresent(builder::addPolicy);
        yield builder.build();
      }
      case AzureAuth.ManagedIdentity identity -> {
        ManagedIdentityCredentialBuilder builder =
            new ManagedIdentityCredentialBuilder().httpClient(httpClient);
        resolver.resolveOptionalText(identity.clientId()).ifPresent(builder::clientId);
        yield builder.build();
      }
      case AzureAuth.DefaultCredential ignored -> {
        DefaultAzureCredentialBuilder builder =
            new DefaultAzureCredentialBuilder()
                .authorityHost(endpoints.authorityHost())
                .httpClient(httpClient);
        tenantId.ifPresent(builder::tenantId);
        if (endpoints.customAuthority()) {
          builder.disableInstanceDiscovery();
        }
        rewrite.ifPresent(builder::addPolicy);
        yield builder.build();
      }
    };
  }
}
