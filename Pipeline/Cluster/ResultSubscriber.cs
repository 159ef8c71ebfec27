using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// On a web process: takes the results every worker publishes on the cluster's Redis channel and announces them on
/// this process's table change feed (<see cref="ObservableTableStore.Announce"/>), which the dashboard and the hub
/// follow as in a single process; incidents also go to this process's <see cref="AlertStore"/>, whose alert lists and hub
/// follow its changes. A message that cannot be read is dropped and logged (once in a row).
/// </summary>
internal sealed class ResultSubscriber(ObservableTableStore tables, AlertStore alerts, RedisConnection redis, ILogger<ResultSubscriber> logger) : IHostedService
{
    private int _malformed;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.ResultsChannel);
        queue.OnMessage(message =>
        {
            try
            {
                var (table, items) = ResultMessage.Read((byte[])message.Message!);
                tables.Announce(table, items);
                if (table == alerts.TableName && alerts.Announce(items) is [var error, ..])
                    throw new FormatException($"An item of {table} is not an incident: {error}");
                Interlocked.Exchange(ref _malformed, 0);
            }
            catch (FormatException e)
            {
                if (Interlocked.Increment(ref _malformed) == 1)
                    logger.LogWarning("A message on the results channel could not be read and was dropped: {Error}", e.Message);
            }
        });
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => redis.Multiplexer.GetSubscriber().UnsubscribeAsync(redis.ResultsChannel);
}
