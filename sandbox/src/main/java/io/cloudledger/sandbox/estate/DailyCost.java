package io.cloudledger.sandbox.estate;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The generated cost of one service in one account on one day, in USD with two decimals. */
public record DailyCost(LocalDate date, String service, String accountId, BigDecimal amount) {}
