/**
 * The provider-neutral inventory model: accounts, resource keys, observed resources and their
 * content hash.
 */
package io.cloudledger.core.model;
