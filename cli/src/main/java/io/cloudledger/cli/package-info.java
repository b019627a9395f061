/** The cloudledger command line: local runs, secrets, reports and the benchmark. */
package io.cloudledger.cli;
