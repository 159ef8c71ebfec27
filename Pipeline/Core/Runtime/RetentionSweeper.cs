using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.DeadLetters;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// Deletes dead letters older than <see cref="RetentionOptions.DeadLetters"/>, every
/// <see cref="RetentionOptions.SweepInterval"/>, so that the store does not grow without end. A sweep that fails is
/// logged once (and once when sweeps work again) and tried again at the next interval.
/// </summary>
public sealed class RetentionSweeper(IDeadLetterStore deadLetters, RetentionOptions options, ILogger<RetentionSweeper> logger, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private bool _failing;

    /// <summary>Sweeps until cancelled, the first time at once.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            await SweepAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.SweepInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One sweep; returns how many dead letters it deleted (0 when it failed).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var deleted = await deadLetters.DeleteFailedBeforeAsync(_time.GetUtcNow() - options.DeadLetters, cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                logger.LogInformation("Deleted {Count} dead letters older than {Retention} (Pipeline:Retention:DeadLetters).", deleted, options.DeadLetters);
            }

            if (_failing)
            {
                _failing = false;
                logger.LogInformation("Dead-letter retention works again.");
            }

            return deleted;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!_failing)
            {
                _failing = true;
                logger.LogWarning("Dead-letter retention failed ({Error}); it tries again every {Interval}.", e.Message, options.SweepInterval);
            }

            return 0;
        }
    }
}
