package io.cloudledger.gcp.secrets;

import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ProjectName;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import io.cloudledger.core.secrets.RandomSecrets;
import io.cloudledger.core.secrets.SecretMetadata;
import io.cloudledger.core.secrets.SecretNames;
import io.cloudledger.core.secrets.SecretStore;
import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.StoreHealth;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A {@link SecretStore} over GCP Secret Manager in one project: a secret's value is the payload
 * (UTF-8) of its version aliased {@code current} when it has that alias (a secret rotated by {@link
 * SecretManagerVersions}, whose pending value is already Secret Manager's {@code latest}), else of
 * its {@code latest} version; stored under secret id {@code prefix + name}. {@link #set} adds a
 * version (creating the secret with automatic replication first if needed) and, on a rotated
 * secret, moves {@code current} to it; older versions stay, as Secret Manager keeps history. {@link
 * #delete} deletes the secret with all its versions.
 *
 * <p>Secret Manager ids allow only letters, digits, {@code _} and {@code -}: names with {@code .}
 * or {@code /} (valid elsewhere) are refused with a clear error rather than silently rewritten.
 * Failures become {@link SecretStoreException}s naming the store, the secret and Google's status,
 * never the value.
 */
public final class GcpSecretManagerStore implements SecretStore, AutoCloseable {
  private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{0,200}");

  private final String name;
  private final int priority;
  private final String projectId;
  private final String prefix;
  private final SecretManagerServiceClient client;
  private final SecureRandom random = new SecureRandom();

  public GcpSecretManagerStore(
      String name,
      int priority,
      String projectId,
      String prefix,
      SecretManagerServiceClient client) {
    this.name = Objects.requireNonNull(name, "name");
    this.priority = priority;
    this.projectId = Objects.requireNonNull(projectId, "projectId");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.client = Objects.requireNonNull(client, "client");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "the prefix of GCP secret store '"
              + name
              + "' may only contain letters, digits, '_' and '-' (Secret Manager ids allow no"
              + " others)");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public boolean writable() {
    return true;
  }

  public String projectId() {
    return projectId;
  }

  /** The Secret Manager id of {@code secretName}: the prefix, then the name. */
  public String secretId(String secretName) {
    String id = prefix + SecretNames.requireValid(secretName);
    if (!SECRET_ID.matcher(id).matches()) {
      // The name is not echoed, as in SecretNames: it may be a misplaced value.
      throw new IllegalArgumentException(
          "GCP Secret Manager ids allow only letters, digits, '_' and '-' (at most 255"
              + " characters with the prefix); store '"
              + name
              + "' cannot hold a name with '.' or '/'");
    }
    return id;
  }

  @Override
  public Optional<SecretValue> get(String secretName) {
    String id = secretId(secretName);
    try {
      try {
        return Optional.of(access(id, SecretManagerVersions.CURRENT_ALIAS));
      } catch (NotFoundException noAlias) {
        // Never rotated (or no such secret): its latest version is its value.
      } catch (InvalidArgumentException e) {
        // FAILED_PRECONDITION (a disabled current version) is 400 too: fall back to latest only
        // when the secret truly has no current alias, never past a current one to a pending one.
        if (client
            .getSecret(SecretName.of(projectId, id))
            .containsVersionAliases(SecretManagerVersions.CURRENT_ALIAS)) {
          throw e;
        }
      }
      return Optional.of(access(id, "latest"));
    } catch (NotFoundException e) {
      return Optional.empty(); // no such secret, or one without versions
    } catch (RuntimeException e) {
      throw failure("reading", secretName, e);
    }
  }

  private SecretValue access(String id, String version) {
    ByteString data =
        client
            .accessSecretVersion(SecretVersionName.of(projectId, id, version))
            .getPayload()
            .getData();
    return SecretValue.of(data.toString(StandardCharsets.UTF_8));
  }

  @Override
  public void set(String secretName, SecretValue value) {
    String id = secretId(secretName);
    byte[] data = value.reveal().getBytes(StandardCharsets.UTF_8);
    try {
      try {
        addVersion(id, data);
      } catch (NotFoundException missing) {
        try {
          client.createSecret(
              ProjectName.of(projectId),
              id,
              Secret.newBuilder()
                  .setReplication(
                      Replication.newBuilder()
                          .setAutomatic(Replication.Automatic.getDefaultInstance()))
                  .build());
        } catch (AlreadyExistsException | AbortedException createdMeanwhile) {
          // Over HTTP/JSON ALREADY_EXISTS (409) arrives as ABORTED: someone created it first.
        }
        addVersion(id, data);
      }
    } catch (RuntimeException e) {
      throw failure("writing", secretName, e);
    }
  }

  private void addVersion(String id, byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    // The checksum lets Secret Manager refuse a payload damaged on the way.
    SecretVersion added =
        client.addSecretVersion(
            SecretName.of(projectId, id),
            SecretPayload.newBuilder()
                .setData(ByteString.copyFrom(data))
                .setDataCrc32C(crc.getValue())
                .build());
    makeCurrent(id, Long.parseLong(SecretVersionName.parse(added.getName()).getSecretVersion()));
  }

  /**
   * A rotated secret is read through its {@code current} alias, so a value written here must move
   * that alias (the old current becomes {@code previous}) or readers would never see it; a pending
   * rotation keeps its alias. Guarded by the secret's etag, retried when a concurrent writer wins.
   */
  private void makeCurrent(String id, long version) {
    for (int attempt = 1; ; attempt++) {
      Secret secret = client.getSecret(SecretName.of(projectId, id));
      Map<String, Long> aliases = new HashMap<>(secret.getVersionAliasesMap());
      Long current = aliases.get(SecretManagerVersions.CURRENT_ALIAS);
      if (current == null || current >= version) {
        return; // never rotated (latest is read), or a newer write already moved it
      }
      aliases.put(SecretManagerVersions.CURRENT_ALIAS, version);
      aliases.put(SecretManagerVersions.PREVIOUS_ALIAS, current);
      try {
        client.updateSecret(
            Secret.newBuilder()
                .setName(secret.getName())
                .setEtag(secret.getEtag())
                .putAllVersionAliases(aliases)
                .build(),
            FieldMask.newBuilder().addPaths("version_aliases").build());
        return;
      } catch (AbortedException concurrent) {
        if (attempt == 3) {
          throw concurrent;
        }
      }
    }
  }

  @Override
  public boolean delete(String secretName) {
    String id = secretId(secretName);
    try {
      client.deleteSecret(SecretName.of(projectId, id));
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw failure("deleting", secretName, e);
    }
  }

  @Override
  public List<String> list() {
    try {
      ListSecretsRequest.Builder request =
          ListSecretsRequest.newBuilder().setParent(ProjectName.of(projectId).toString());
      if (!prefix.isEmpty()) {
        request.setFilter("name:" + prefix); // narrows server-side; startsWith below decides
      }
      List<String> names = new ArrayList<>();
      for (Secret secret : client.listSecrets(request.build()).iterateAll()) {
        String id = SecretName.parse(secret.getName()).getSecret();
        if (id.startsWith(prefix) && id.length() > prefix.length()) {
          names.add(id.substring(prefix.length()));
        }
      }
      return names.stream().sorted().toList();
    } catch (RuntimeException e) {
      throw new SecretStoreException(
          "listing the secrets of store '" + name + "' failed: " + describe(e), e);
    }
  }

  @Override
  public SecretValue createRandom(String secretName, int length, String alphabet) {
    SecretValue value = RandomSecrets.generate(random, length, alphabet);
    set(secretName, value);
    return value;
  }

  /**
   * Created = the secret's {@code createTime}; version and updated = the latest version's number
   * and {@code createTime} (absent while it has none); tags = labels; expires = {@code expireTime}.
   */
  @Override
  public Optional<SecretMetadata> metadata(String secretName) {
    String id = secretId(secretName);
    try {
      Secret secret;
      try {
        secret = client.getSecret(SecretName.of(projectId, id));
      } catch (NotFoundException e) {
        return Optional.empty();
      }
      Optional<SecretVersion> latest;
      try {
        latest =
            Optional.of(client.getSecretVersion(SecretVersionName.of(projectId, id, "latest")));
      } catch (NotFoundException e) {
        latest = Optional.empty();
      }
      return Optional.of(
          new SecretMetadata(
              secretName,
              Optional.of(instant(secret.getCreateTime())),
              latest.map(v -> instant(v.getCreateTime())),
              latest.map(v -> SecretVersionName.parse(v.getName()).getSecretVersion()),
              secret.getLabelsMap(),
              secret.hasExpireTime()
                  ? Optional.of(instant(secret.getExpireTime()))
                  : Optional.empty()));
    } catch (RuntimeException e) {
      throw failure("reading the metadata of", secretName, e);
    }
  }

  @Override
  public StoreHealth health() {
    try {
      // One page of one secret: proves the endpoint, the token and the list permission.
      client
          .listSecrets(
              ListSecretsRequest.newBuilder()
                  .setParent(ProjectName.of(projectId).toString())
                  .setPageSize(1)
                  .build())
          .getPage();
      return StoreHealth.up(
          name,
          "Secret Manager answers for project "
              + projectId
              + (prefix.isEmpty() ? "" : ", prefix " + prefix));
    } catch (RuntimeException e) {
      return StoreHealth.down(
          name, "Secret Manager is not reachable for project " + projectId + ": " + describe(e));
    }
  }

  /** Closes the client (its threads and connections). */
  @Override
  public void close() {
    client.close();
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  private SecretStoreException failure(String action, String secretName, RuntimeException e) {
    return new SecretStoreException(
        action
            + " secret '"
            + secretName
            + "' in store '"
            + name
            + "' (project "
            + projectId
            + ") failed: "
            + describe(e),
        e);
  }

  /**
   * The HTTP status and gax code, e.g. {@code 403 PERMISSION_DENIED}; other failures (no
   * connection, no token) by class only: their messages may quote a request.
   */
  static String describe(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException io
          && !(cause instanceof com.google.api.client.http.HttpResponseException)) {
        // The HTTP/JSON transport reports "no connection" as 500 UNKNOWN; say what happened.
        return "no answer (" + io.getClass().getSimpleName() + ")";
      }
    }
    if (e instanceof ApiException api) {
      Object transport = api.getStatusCode().getTransportCode();
      String code = api.getStatusCode().getCode().name();
      return transport instanceof Integer status ? status + " " + code : code;
    }
    return e.getClass().getSimpleName();
  }
}
