package io.cloudledger.sandbox.estate;

/**
 * Inputs of the deterministic estate generator. Same spec, same estate, byte for byte.
 *
 * <p>Each account's {@code resourcesPerAccount} are split 60 % EC2 instances, 10 % VPCs, 20 %
 * subnets and the rest (about 10 %) S3 buckets. GCP projects ({@code gcpProjects}, 0 for none) get
 * {@code resourcesPerAccount} each too, see {@link GcpEstate}.
 */
public record EstateSpec(long seed, int accounts, int resourcesPerAccount, int gcpProjects) {

  public static final int MIN_RESOURCES_PER_ACCOUNT = 4;

  /** An estate of AWS accounts only. */
  public EstateSpec(long seed, int accounts, int resourcesPerAccount) {
    this(seed, accounts, resourcesPerAccount, 0);
  }

  public EstateSpec {
    if (gcpProjects < 0) {
      throw new IllegalArgumentException("gcpProjects must not be negative, was " + gcpProjects);
    }
    if (accounts < 1) {
      throw new IllegalArgumentException("accounts must be at least 1, was " + accounts);
    }
    if (resourcesPerAccount < MIN_RESOURCES_PER_ACCOUNT) {
      throw new IllegalArgumentException(
          "resourcesPerAccount must be at least "
              + MIN_RESOURCES_PER_ACCOUNT
              + " (one instance needs a VPC and a subnet), was "
              + resourcesPerAccount);
    }
  }

  int instanceCount() {
    return (int) Math.round(resourcesPerAccount * 0.6);
  }

  int vpcCount() {
    return Math.max(1, (int) Math.round(resourcesPerAccount * 0.1));
  }

  int subnetCount() {
    return Math.max(1, (int) Math.round(resourcesPerAccount * 0.2));
  }

  int bucketCount() {
    return Math.max(0, resourcesPerAccount - instanceCount() - vpcCount() - subnetCount());
  }
}
