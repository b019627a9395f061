package io.cloudledger.cli.bench;

/**
 * The size of one provider's estate: accounts, resources, and the pages a listing of it needs at
 * the API's largest page size (every listed scope counts at least one page, empty or not).
 */
public record EstateInfo(String provider, int accounts, long resources, long pages) {}
