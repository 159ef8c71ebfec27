using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// On a web process: hands each in-app notification a worker published (<see cref="InAppPublisher"/>) to this process's
/// in-app channel, whose dashboards show it and raise the browser notification as in a single process. A message that
/// cannot be read is dropped and logged (once in a row).
/// </summary>
internal sealed class InAppSubscriber(InAppAlertChannel inApp, RedisConnection redis, ILogger<InAppSubscriber> logger) : IHostedService
{
    private int _malformed;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.InAppChannel);
        queue.OnMessage(async message =>
        {
            AlertMessage notification;
            try
            {
                notification = InAppMessage.Read((byte[])message.Message!);
                Interlocked.Exchange(ref _malformed, 0);
            }
            catch (FormatException e)
            {
                if (Interlocked.Increment(ref _malformed) == 1)
                    logger.LogWarning("A message on the in-app channel could not be read and was dropped: {Error}", e.Message);
                return;
            }
            await inApp.SendAsync(notification, CancellationToken.None);
        });
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => redis.Multiplexer.GetSubscriber().UnsubscribeAsync(redis.InAppChannel);
}
