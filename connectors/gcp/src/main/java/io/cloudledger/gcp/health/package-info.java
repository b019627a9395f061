/** Onboarding checks of GCP projects: a token and each Compute permission the connector uses. */
package io.cloudledger.gcp.health;
