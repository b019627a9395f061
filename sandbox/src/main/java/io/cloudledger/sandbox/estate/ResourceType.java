package io.cloudledger.sandbox.estate;

/** Kinds of resources the sandbox estate holds. */
public enum ResourceType {
  EC2_INSTANCE,
  VPC,
  SUBNET,
  S3_BUCKET,
  AZURE_VM,
  AZURE_STORAGE_ACCOUNT,
  AZURE_VIRTUAL_NETWORK,
  AZURE_SUBNET,
  GCP_INSTANCE,
  GCP_NETWORK,
  GCP_SUBNETWORK
}
