using System.Net;
using Amazon.Runtime;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// The one place that decides how AWS calls are retried: each attempt has a timeout; throttling answers, 5xx answers,
/// timeouts and failed connections are retried with jittered exponential backoff; every other 4xx answer (a missing
/// stream, a validation error, a failed condition, bad credentials) fails at once. Kinesis, SNS and DynamoDB all go
/// through <see cref="Create"/> (the DynamoDB SDK client's own retries are switched off).
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

    /// <summary>The longest delay between two attempts.</summary>
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromSeconds(5);

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

    /// <summary>A pipeline with a per-attempt timeout inside jittered exponential retries, as <paramref name="options"/> says.</summary>
    public static ResiliencePipeline Create(AwsOptions options, TimeProvider? timeProvider = null)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                MaxDelay = s_maxDelay,
            });
        }

        return builder.AddTimeout(options.RequestTimeout).Build();
    }
}
