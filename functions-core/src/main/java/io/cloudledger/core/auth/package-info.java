/** API keys for the product's own HTTP trigger: issuing, slow-hash storage, checks, rate limits. */
package io.cloudledger.core.auth;
