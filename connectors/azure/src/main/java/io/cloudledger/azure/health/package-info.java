/**
 * Onboarding checks of Azure subscriptions: sign-in and each ARM read action the connector uses.
 */
package io.cloudledger.azure.health;
