/**
 * AWS Organizations discovery: the member accounts of an organization, listed from a management (or
 * delegated administrator) session, as core {@link io.cloudledger.core.discovery.AccountDiscovery}.
 */
package io.cloudledger.aws.discovery;
