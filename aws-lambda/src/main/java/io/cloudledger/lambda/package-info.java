/** Thin AWS Lambda handlers around the core: schedule, SQS worker, HTTP trigger, rotation. */
package io.cloudledger.lambda;
