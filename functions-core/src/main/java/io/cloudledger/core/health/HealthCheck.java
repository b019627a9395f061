package io.cloudledger.core.health;

import java.util.Objects;

/**
 * One check of an account: {@code credentials}, {@code assume-role}, {@code subscription}, or a
 * permission by its exact provider name ({@code ec2:DescribeVpcs}, {@code
 * Microsoft.Compute/virtualMachines/read}, {@code compute.instances.list}).
 *
 * @param detail why it failed or was skipped (the provider's error code and message, never a
 *     secret); empty when OK
 */
public record HealthCheck(String name, CheckStatus status, String detail) {

  public HealthCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
  }

  public static HealthCheck ok(String name) {
    return new HealthCheck(name, CheckStatus.OK, "");
  }

  public static HealthCheck missing(String name, String detail) {
    return new HealthCheck(name, CheckStatus.MISSING, detail);
  }

  public static HealthCheck failed(String name, String detail) {
    return new HealthCheck(name, CheckStatus.FAILED, detail);
  }

  public static HealthCheck skipped(String name, String detail) {
    return new HealthCheck(name, CheckStatus.SKIPPED, detail);
  }
}
