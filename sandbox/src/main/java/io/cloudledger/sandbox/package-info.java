/** Protocol-faithful local emulator of the AWS, Azure and GCP APIs that cloudledger reads. */
package io.cloudledger.sandbox;
