using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// On a worker: publishes what its functions wrote (the tables' change feed, <see cref="ObservableTableStore"/>) on the
/// cluster's Redis results channel, where every web process's <see cref="ResultSubscriber"/> hands it to its dashboard.
/// Fire and forget: the write has succeeded, and a web process that misses a message still finds the result in the table.
/// </summary>
internal sealed class ResultPublisher(ObservableTableStore tables, RedisConnection redis, ILogger<ResultPublisher> logger) : IHostedService
{
    private int _failures;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        tables.ItemsWritten += Publish;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        tables.ItemsWritten -= Publish;
        return Task.CompletedTask;
    }

    private void Publish(string table, IReadOnlyList<Item> items)
    {
        try
        {
            redis.Multiplexer.GetSubscriber().Publish(redis.ResultsChannel, ResultMessage.Write(table, items), CommandFlags.FireAndForget);
            Interlocked.Exchange(ref _failures, 0);
        }
        catch (RedisException e)
        {
            if (Interlocked.Increment(ref _failures) == 1)
                logger.LogWarning(e, "Results cannot be published to the web processes over Redis ({Error}); dashboards miss them until Redis answers again.", e.Message);
        }
    }
}
