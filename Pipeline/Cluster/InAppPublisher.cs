using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// On a worker: publishes each in-app notification its dispatcher sends (once in the cluster: the dispatchers claim each
/// notification before sending) on the cluster's in-app channel, where every web process's <see cref="InAppSubscriber"/>
/// hands it to its own dashboards. Fire and forget, as the results are: the incident itself reaches the web processes'
/// alert lists with the results and stays in the table.
/// </summary>
internal sealed class InAppPublisher(InAppAlertChannel inApp, RedisConnection redis, ILogger<InAppPublisher> logger) : IHostedService
{
    private int _failures;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        inApp.Alerted += Publish;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        inApp.Alerted -= Publish;
        return Task.CompletedTask;
    }

    private void Publish(AlertMessage message)
    {
        try
        {
            redis.Multiplexer.GetSubscriber().Publish(redis.InAppChannel, InAppMessage.Write(message), CommandFlags.FireAndForget);
            Interlocked.Exchange(ref _failures, 0);
        }
        catch (RedisException e)
        {
            if (Interlocked.Increment(ref _failures) == 1)
                logger.LogWarning(e, "In-app notifications cannot be published to the web processes over Redis ({Error}); dashboards miss them until Redis answers again.", e.Message);
        }
    }
}
