/**
 * The {@code cloudledger.yaml} configuration: parsed and validated once into immutable records,
 * with {@code ENV/} and {@code SEC/} references resolved lazily by {@link
 * io.cloudledger.core.config.ConfigResolver} where a value is used.
 */
package io.cloudledger.core.config;
