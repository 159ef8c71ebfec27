using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// Sends each incident's notifications, once per channel. Channels work independently: a failing one is retried
/// with jittered exponential backoff (and shows as retrying, with its error) while the others deliver. What was
/// sent is recorded with the incident, so neither a second run nor a restart sends it again; an incident that is
/// acknowledged or resolved before a channel delivered cancels that channel's notification.
/// </summary>
public sealed class AlertDispatcher(AlertStore store, IReadOnlyList<IAlertChannel> channels, AlertOptions options, ILogger logger, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Channel<(string Location, string Id)> _queue = Channel.CreateUnbounded<(string, string)>();
    private readonly ConcurrentDictionary<(string Location, string Id), byte> _inFlight = new();
    private readonly ConcurrentDictionary<string, string?> _channelErrors = new(StringComparer.Ordinal);

    /// <summary>The channels, by name.</summary>
    public IReadOnlyList<IAlertChannel> Channels => channels;

    /// <summary>Each channel's last error, or null when its last attempt succeeded (or none was made).</summary>
    public IReadOnlyDictionary<string, string?> ChannelErrors => _channelErrors;

    /// <summary>Asks for the incident's outstanding notifications to be sent.</summary>
    public void Notify(Incident incident) => _queue.Writer.TryWrite((incident.Location, incident.Id));

    /// <summary>Picks up what earlier runs left outstanding, then sends as incidents arrive, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var incident in await store.ListAsync(int.MaxValue, activeOnly: false, cancellationToken))
            if (incident.HasOutstandingDeliveries)
                Notify(incident);

        await foreach (var key in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            if (!_inFlight.TryAdd(key, 0))
            {
                // Being handled; look again once that is done, as it may have changed meanwhile.
                _ = RetryLaterAsync(key, TimeSpan.FromMilliseconds(50), cancellationToken);
                continue;
            }
            _ = Task.Run(async () =>
            {
                try
                {
                    await DeliverAsync(key, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Delivering incident {Location}/{Id} failed; retrying in {Delay}.", key.Location, key.Id, options.RetryBackoff);
                    _ = RetryLaterAsync(key, options.RetryBackoff, cancellationToken);
                }
                finally
                {
                    _inFlight.TryRemove(key, out _);
                }
            }, CancellationToken.None);
        }
    }

    private async Task DeliverAsync((string Location, string Id) key, CancellationToken cancellationToken)
    {
        var incident = await store.GetAsync(key.Location, key.Id, cancellationToken);
        if (incident is null || !incident.HasOutstandingDeliveries)
            return;

        var now = _time.GetUtcNow();
        if (incident.State != IncidentState.Open)
        {
            await store.UpdateAsync(key.Location, key.Id, current => current.HasOutstandingDeliveries ? AlertService.CancelOutstanding(current, now) : null, cancellationToken);
            return;
        }

        var due = channels.Where(c => incident.Deliveries.TryGetValue(c.Name, out var d) && d.IsOutstanding && (d.At is null || d.At <= now)).ToList();
        var message = new AlertMessage(incident);
        var outcomes = await Task.WhenAll(due.Select(async channel =>
        {
            try
            {
                await channel.SendAsync(message, cancellationToken);
                _channelErrors[channel.Name] = null;
                return (channel.Name, Error: (string?)null);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Channel {Channel} failed for incident {Location}/{Id}: {Error}", channel.Name, key.Location, key.Id, e.Message);
                _channelErrors[channel.Name] = e.Message;
                return (channel.Name, Error: e.Message);
            }
        }));

        var stored = await store.UpdateAsync(key.Location, key.Id, current =>
        {
            var deliveries = current.Deliveries;
            foreach (var (name, error) in outcomes)
            {
                var attempts = current.Deliveries[name].Attempts + 1;
                deliveries = deliveries.SetItem(name, error is null
                    ? new ChannelDelivery(DeliveryState.Sent, attempts, null, now)
                    : attempts >= options.MaxDeliveryAttempts
                        ? new ChannelDelivery(DeliveryState.Failed, attempts, error, now)
                        : new ChannelDelivery(DeliveryState.Retrying, attempts, error, now + Backoff(attempts)));
            }
            return current with { Deliveries = deliveries, UpdatedAt = now };
        }, cancellationToken);

        // Come back when the earliest retry is due (or at once, when the incident changed while sending).
        var next = stored.Deliveries.Values.Where(d => d.IsOutstanding).Select(d => d.At ?? now).DefaultIfEmpty().Min();
        if (stored.HasOutstandingDeliveries)
            _ = RetryLaterAsync(key, next > now ? next - now : TimeSpan.Zero, cancellationToken);
    }

    private TimeSpan Backoff(int attempts)
    {
        var exponential = options.RetryBackoff * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = exponential < options.MaxRetryBackoff ? exponential : options.MaxRetryBackoff;
        return capped * (0.75 + Random.Shared.NextDouble() / 2);
    }

    private async Task RetryLaterAsync((string Location, string Id) key, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, _time, cancellationToken);
            _queue.Writer.TryWrite(key);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
