/** SQS as the sync queue: {@link io.cloudledger.aws.sqs.SqsDispatcher} sends batched requests. */
package io.cloudledger.aws.sqs;
