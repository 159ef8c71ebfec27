using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// Keeps what the pipeline stores from growing without end: every <see cref="RetentionOptions.SweepInterval"/> it
/// deletes results in WindDataTable, MaxWindSpeedTable and WindRollupTable older than their retention (by event time) and dead letters
/// older than theirs, in batches of short writes so that the pipeline's own writes never wait long. A sweep that fails
/// is logged once (and once when sweeps work again) and tried again at the next interval.
/// </summary>
public sealed class RetentionSweeper(IDeadLetterStore deadLetters, ITableStore tables, PipelineOptions options, ILogger<RetentionSweeper> logger,
    TimeProvider? timeProvider = null)
{
    /// <summary>Items deleted per call to the table store.</summary>
    private const int Batch = 1000;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private bool _failing;

    /// <summary>Sweeps until cancelled, the first time at once.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            await SweepAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.Retention.SweepInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One sweep; returns how many items and dead letters it deleted (what it managed before a failure).</summary>
    public async Task<long> SweepAsync(CancellationToken cancellationToken = default)
    {
        var retention = options.Retention;
        var now = _time.GetUtcNow();
        long deleted = 0;
        try
        {
            deleted += await SweepTableAsync(options.Tables.WindData, retention.WindData, "Pipeline:Retention:WindData", now, cancellationToken).ConfigureAwait(false);
            deleted += await SweepTableAsync(options.Tables.MaxWindSpeed, retention.MaxWindSpeed, "Pipeline:Retention:MaxWindSpeed", now, cancellationToken).ConfigureAwait(false);
            deleted += await SweepTableAsync(options.Tables.WindRollup, retention.WindRollup, "Pipeline:Retention:WindRollup", now, cancellationToken).ConfigureAwait(false);
            var letters = await deadLetters.DeleteFailedBeforeAsync(now - retention.DeadLetters, cancellationToken).ConfigureAwait(false);
            if (letters > 0)
            {
                logger.LogInformation("Deleted {Count} dead letters older than {Retention} (Pipeline:Retention:DeadLetters).", letters, retention.DeadLetters);
            }

            deleted += letters;
            if (_failing)
            {
                _failing = false;
                logger.LogInformation("Retention sweeps work again.");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!_failing)
            {
                _failing = true;
                logger.LogWarning("A retention sweep failed ({Error}); it tries again every {Interval}.", e.Message, retention.SweepInterval);
            }
        }

        return deleted;
    }

    private async Task<long> SweepTableAsync(string table, TimeSpan retention, string setting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (retention <= TimeSpan.Zero)
        {
            return 0;
        }

        var before = TableRetention.SortKeyBefore(now, retention);
        long total = 0;
        int deleted;
        do
        {
            deleted = await tables.DeleteItemsBeforeAsync(table, before, Batch, cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == Batch);
        if (total > 0)
        {
            logger.LogInformation("Deleted {Count} items of {Table} older than {Retention} ({Setting}).", total, table, retention, setting);
        }

        return total;
    }
}
