package io.cloudledger.sandbox.estate;

import java.time.Instant;

/** One S3 bucket; {@code region} is where it lives, not where it is listed from. */
public record Bucket(String name, String region, Instant creationDate) {}
