using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace TurbineConsole.Pipeline.Resilience;

/// <summary>
/// The pipeline's failure policy in one place: which failures are tried again, how often, and how long to wait in
/// between (always <see cref="Backoff"/>'s formula). Each strategy is named for what it protects:
/// <list type="bullet">
/// <item><see cref="BackendCalls"/>: one request to a backend (Kinesis, DynamoDB, SNS). Throttling, 5xx answers,
/// timed-out attempts and refused connections are retried; any other 4xx fails at once.</item>
/// <item><see cref="PartialBatchRetries"/>: a batch call that stored only part of its entries (PutRecords' failed
/// entries, BatchWriteItem's UnprocessedItems): only those entries are sent again.</item>
/// <item><see cref="ShardRestart"/>: a consumer's loop over one shard that failed (a processor's bug, a backend that is
/// down): it starts again from its checkpoint, waiting longer each time, and forever; nothing is dead-lettered for it.</item>
/// <item><see cref="ChannelDelivery"/>: an alert channel that failed to deliver: the dispatcher schedules its next
/// attempt with this backoff (the time is stored with the incident, so it survives a restart).</item>
/// <item><see cref="WaitUntilReadyAsync"/>: a stream or table just created, polled until it is ACTIVE.</item>
/// </list>
/// Only a record that cannot be read goes to the dead-letter store; that is the consumers' decision, not a retry policy.
/// </summary>
public static class PipelineResilience
{
    /// <summary>The longest wait between two attempts of one backend call.</summary>
    public static readonly TimeSpan BackendCallMaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>Waits between the attempts of a partial batch: 50 ms doubling to at most 5 s.</summary>
    public static readonly Backoff PartialBatchBackoff = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));

    /// <summary>The longest wait before a failing shard is consumed again.</summary>
    public static readonly TimeSpan ShardRestartMaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>Waits between two looks at a resource that is not ready yet: 50 ms doubling to at most 1 s.</summary>
    public static readonly Backoff ReadinessBackoff = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));

    /// <summary>
    /// Calls to a backend: each attempt limited to <paramref name="attemptTimeout"/>; a timed-out attempt and a failure
    /// <paramref name="isTransient"/> accepts (throttling, 5xx, refused connections: the adapter knows its service's
    /// errors) retried up to <paramref name="maxRetryAttempts"/> times, <paramref name="firstDelay"/> doubling to at most
    /// <see cref="BackendCallMaxDelay"/>. Anything else fails at once.
    /// </summary>
    public static ResiliencePipeline BackendCalls(int maxRetryAttempts, TimeSpan firstDelay, TimeSpan attemptTimeout, Func<Exception, bool> isTransient,
        TimeProvider? timeProvider = null)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        if (maxRetryAttempts > 0)
        {
            var backoff = new Backoff(firstDelay, BackendCallMaxDelay);
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutRejectedException || (args.Outcome.Exception is { } e && isTransient(e))),
                MaxRetryAttempts = maxRetryAttempts,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(backoff.Delay(args.AttemptNumber + 1)),
            });
        }

        return builder.AddTimeout(attemptTimeout).Build();
    }

    /// <summary>
    /// Batch calls that may store only part of their entries. The callback sends what is still pending and returns how
    /// many entries failed; while some did, and fewer than <paramref name="maxAttempts"/> attempts were made, it is called
    /// again after <see cref="PartialBatchBackoff"/> (it keeps the failed entries itself and sends only those). An
    /// exception is not retried here: it is a failure of the whole call (a backend call has its own retries).
    /// </summary>
    public static ResiliencePipeline<int> PartialBatchRetries(int maxAttempts, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        if (maxAttempts == 1)
        {
            return ResiliencePipeline<int>.Empty;
        }

        return new ResiliencePipelineBuilder<int> { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions<int>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && args.Outcome.Result > 0),
                MaxRetryAttempts = maxAttempts - 1,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(PartialBatchBackoff.Delay(args.AttemptNumber + 1)),
            })
            .Build();
    }

    /// <summary>
    /// How long a failing shard waits before it is consumed again from its checkpoint: <paramref name="first"/> (a
    /// consumer's RetryBackoff setting) doubling with each consecutive failure, at most <see cref="ShardRestartMaxDelay"/>.
    /// There is no last attempt: a shard is retried until it succeeds, and shows as failing meanwhile.
    /// </summary>
    public static Backoff ShardRestart(TimeSpan first) => new(first, ShardRestartMaxDelay);

    /// <summary>
    /// How long an alert channel waits after a failed delivery: <paramref name="first"/> (Alerts:RetryBackoff) doubling
    /// with each failed attempt, at most <paramref name="max"/> (Alerts:MaxRetryBackoff).
    /// </summary>
    public static Backoff ChannelDelivery(TimeSpan first, TimeSpan max) => new(first, max);

    /// <summary>
    /// Looks at a resource with <paramref name="look"/> until <paramref name="ready"/> says it is, waiting
    /// <see cref="ReadinessBackoff"/> in between, for at most <paramref name="timeout"/>; returns the last look, or throws
    /// what <paramref name="notReady"/> makes of it when the time is up. A failed look is not retried here.
    /// </summary>
    public static async Task<T> WaitUntilReadyAsync<T>(Func<CancellationToken, Task<T>> look, Func<T, bool> ready, TimeSpan timeout, Func<T, Exception> notReady,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var time = timeProvider ?? TimeProvider.System;
        var deadline = time.GetUtcNow() + timeout;
        var pipeline = new ResiliencePipelineBuilder<T> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && !ready(args.Outcome.Result!) && time.GetUtcNow() <= deadline),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(ReadinessBackoff.Delay(args.AttemptNumber + 1)),
            })
            .Build();
        var last = await pipeline.ExecuteAsync(async token => await look(token), cancellationToken);
        return ready(last) ? last : throw notReady(last);
    }
}
