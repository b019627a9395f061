/** The AWS CDK app that deploys cloudledger. */
package io.cloudledger.infra;
