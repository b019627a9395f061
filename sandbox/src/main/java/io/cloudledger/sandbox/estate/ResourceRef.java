package io.cloudledger.sandbox.estate;

/** Identifies one estate resource, as reported by {@link EstateChange}. */
public record ResourceRef(String accountId, String region, ResourceType type, String id) {}
