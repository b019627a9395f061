package io.cloudledger.sandbox.estate;

/** A subnet of an {@link AzureVirtualNetwork}; subnets carry no tags in ARM. */
public record AzureSubnet(String name, String addressPrefix) {}
