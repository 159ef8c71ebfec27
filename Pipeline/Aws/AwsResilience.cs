using System.Net;
using Amazon.Runtime;
using Polly;
using Polly.Timeout;
using TurbineConsole.Pipeline.Resilience;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// Which AWS failures are transient: throttling answers, 5xx answers, timeouts and failed connections; every other 4xx
/// answer (a missing stream, a validation error, a failed condition, bad credentials) is not. How they are retried is
/// the pipeline's one policy for backend calls, <see cref="PipelineResilience.BackendCalls"/>. Kinesis, SNS and DynamoDB
/// all go through <see cref="Create"/> (the DynamoDB SDK client's own retries are switched off).
/// </summary>
internal static class AwsResilience
{
    /// <summary>Error types that mean "slow down": retried even though their HTTP status is 400.</summary>
    private static readonly HashSet<string> s_throttlingCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException", "LimitExceededException", "ThrottlingException", "Throttling",
        "ThrottledException", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
        "TooManyRequestsException", "KMSThrottlingException", "SlowDown", "TransactionInProgressException",
    };

    /// <summary>True when an answer with this status and error type is worth another attempt.</summary>
    public static bool IsRetryable(HttpStatusCode statusCode, string? errorCode) =>
        (int)statusCode >= 500 || statusCode == HttpStatusCode.TooManyRequests || (errorCode is not null && s_throttlingCodes.Contains(errorCode));

    /// <summary>True when the failure is transient: throttling, 5xx, a timed-out attempt or a connection that failed.</summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null => false,
        AwsServiceError e => IsRetryable(e.StatusCode, e.ErrorCode),
        AmazonServiceException e => IsRetryable(e.StatusCode, e.ErrorCode),
        TimeoutRejectedException => true,
        HttpRequestException => true,
        AmazonClientException e => e.InnerException is HttpRequestException or IOException or TimeoutException,
        _ => false,
    };

    /// <summary>
    /// The shared backend-call policy (<see cref="PipelineResilience.BackendCalls"/>) with AWS's transient errors and the
    /// <c>Pipeline:Aws</c> settings: <see cref="AwsOptions.RequestTimeout"/> per attempt, <see cref="AwsOptions.MaxRetryAttempts"/>
    /// retries from <see cref="AwsOptions.RetryBaseDelay"/>.
    /// </summary>
    public static ResiliencePipeline Create(AwsOptions options, TimeProvider? timeProvider = null) =>
        PipelineResilience.BackendCalls(options.MaxRetryAttempts, options.RetryBaseDelay, options.RequestTimeout, IsTransient, timeProvider);
}
