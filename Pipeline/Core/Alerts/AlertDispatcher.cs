using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Resilience;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// Sends each incident's notifications (the first one, an escalation, reminders: <see cref="DeliveryKeys"/>), once per channel.
/// Before sending, a dispatcher claims the notifications it is about to send in one conditional write (they become
/// <see cref="DeliveryState.Sending"/> until <see cref="AlertOptions.DeliveryClaim"/> from now), so of several
/// dispatchers on one alerts table (every worker of a cluster runs one) only the one whose claim was written sends; a
/// claim whose dispatcher stopped before recording the outcome lapses, and every dispatcher looks for lapsed ones each
/// <see cref="AlertOptions.DeliveryClaim"/>. Channels work independently: a failing one is retried
/// (the channel-delivery backoff of <see cref="PipelineResilience.ChannelDelivery"/>, its next attempt's time stored with
/// the incident) and shows as retrying, with its error, while the others deliver; after
/// <see cref="AlertOptions.MaxDeliveryAttempts"/> attempts it is given up as failed. What was sent is recorded with the
/// incident, so neither a second run nor a restart sends it again; an incident that is acknowledged or resolved before
/// a channel delivered cancels that channel's notification. A channel's change to failing, and back, is logged once.
/// Each delivery, and each notification given up, is noted on the incident's timeline. Each attempt is measured in
/// <paramref name="metrics"/> when given.
/// </summary>
public sealed class AlertDispatcher(AlertStore store, IReadOnlyList<IAlertChannel> channels, AlertOptions options, ILogger logger, TimeProvider? timeProvider = null,
    PipelineMetrics? metrics = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>When a failing channel tries again.</summary>
    private readonly Backoff _backoff = PipelineResilience.ChannelDelivery(options.RetryBackoff, options.MaxRetryBackoff);

    private readonly Channel<(string Location, string Id)> _queue = Channel.CreateUnbounded<(string, string)>();
    private readonly ConcurrentDictionary<(string Location, string Id), byte> _inFlight = new();
    private readonly ConcurrentDictionary<string, string?> _channelErrors = new(StringComparer.Ordinal);

    /// <summary>The channels by name.</summary>
    private readonly Dictionary<string, IAlertChannel> _byName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>The channels, by name.</summary>
    public IReadOnlyList<IAlertChannel> Channels => channels;

    /// <summary>Each channel's last error, or null when its last attempt succeeded (or none was made).</summary>
    public IReadOnlyDictionary<string, string?> ChannelErrors => _channelErrors;

    /// <summary>Asks for the incident's outstanding notifications to be sent.</summary>
    public void Notify(Incident incident) => _queue.Writer.TryWrite((incident.Location, incident.Id));

    /// <summary>
    /// Picks up what earlier runs left outstanding, then sends as incidents arrive, and looks again for outstanding
    /// notifications (a lapsed claim of a dispatcher that stopped) every <see cref="AlertOptions.DeliveryClaim"/>, until cancelled.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await PickUpOutstandingAsync(cancellationToken);
        _ = LookForLapsedClaimsAsync(cancellationToken);

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
                    // The alerts table failed (reading the incident or recording the outcome): look again after the first wait.
                    var delay = _backoff.Delay(1);
                    logger.LogError(e, "Delivering incident {Location}/{Id} failed; retrying in {Delay}.", key.Location, key.Id, delay);
                    _ = RetryLaterAsync(key, delay, cancellationToken);
                }
                finally
                {
                    _inFlight.TryRemove(key, out _);
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>Asks for every incident with a notification outstanding to be looked at.</summary>
    private async Task PickUpOutstandingAsync(CancellationToken cancellationToken)
    {
        foreach (var incident in await store.ListAsync(int.MaxValue, activeOnly: false, cancellationToken))
        {
            if (incident.HasOutstandingDeliveries)
                Notify(incident);
        }
    }

    private async Task LookForLapsedClaimsAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.DeliveryClaim, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await PickUpOutstandingAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Looking for outstanding notifications failed ({Error}); looking again in {Interval}.", e.Message, options.DeliveryClaim);
                }
            }
        }
        catch (OperationCanceledException)
        {
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

        if (!incident.Deliveries.Any(d => d.Value.IsDue(now) && _byName.ContainsKey(DeliveryKeys.Parse(d.Key).Channel)))
        {
            // Woken before any retry is due, or while another dispatcher holds the claim: come back when one is due.
            RetryWhenDue(key, incident, now, cancellationToken);
            return;
        }

        // Claim what is due in one conditional write; another dispatcher's claim that came first leaves nothing to send.
        var due = new List<(string Key, (string Channel, AlertNotice Notice) Parsed)>();
        incident = await store.UpdateAsync(key.Location, key.Id, current =>
        {
            due.Clear();
            if (current.State != IncidentState.Open)
                return null;
            var deliveries = current.Deliveries;
            foreach (var (name, delivery) in current.Deliveries)
            {
                var parsed = DeliveryKeys.Parse(name);
                if (!delivery.IsDue(now) || !_byName.ContainsKey(parsed.Channel))
                    continue;
                deliveries = deliveries.SetItem(name, delivery with { State = DeliveryState.Sending, At = now + options.DeliveryClaim });
                due.Add((name, parsed));
            }
            return due.Count == 0 ? null : current with { Deliveries = deliveries };
        }, cancellationToken);
        if (due.Count == 0)
        {
            RetryWhenDue(key, incident, now, cancellationToken);
            return;
        }

        var outcomes = await Task.WhenAll(due.Select(async delivery =>
        {
            var channel = _byName[delivery.Parsed.Channel];
            var message = new AlertMessage(incident, delivery.Parsed.Notice);
            var startedAt = Stopwatch.GetTimestamp();
            try
            {
                await channel.SendAsync(message, cancellationToken);
                metrics?.RecordDelivery(channel.Name, Stopwatch.GetElapsedTime(startedAt), delivered: true);
                if (_channelErrors.TryGetValue(channel.Name, out var previous) && previous is not null)
                    logger.LogInformation("Channel {Channel} delivers again (incident {Location}/{Id}).", channel.Name, key.Location, key.Id);
                _channelErrors[channel.Name] = null;
                return (delivery.Key, Error: (string?)null);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                metrics?.RecordDelivery(channel.Name, Stopwatch.GetElapsedTime(startedAt), delivered: false);
                if (_channelErrors.GetValueOrDefault(channel.Name) is null)
                    logger.LogWarning("Channel {Channel} is failing (incident {Location}/{Id}): {Error} Its notifications are retried with growing waits.", channel.Name, key.Location, key.Id, e.Message);
                else
                    logger.LogDebug("Channel {Channel} failed again for incident {Location}/{Id}: {Error}", channel.Name, key.Location, key.Id, e.Message);
                _channelErrors[channel.Name] = e.Message;
                return (delivery.Key, Error: e.Message);
            }
        }));

        var stored = await store.UpdateAsync(key.Location, key.Id, current =>
        {
            var next = current;
            foreach (var (name, error) in outcomes)
            {
                // What was sent is recorded as sent even if cancelled meanwhile; a failure of a cancelled one is not recorded.
                if (!current.Deliveries.TryGetValue(name, out var before) || before.State == DeliveryState.Sent || (error is not null && !before.IsOutstanding))
                    continue;
                var attempts = before.Attempts + 1;
                var delivery = error is null
                    ? new ChannelDelivery(DeliveryState.Sent, attempts, null, now)
                    : attempts >= options.MaxDeliveryAttempts
                        ? new ChannelDelivery(DeliveryState.Failed, attempts, error, now)
                        : new ChannelDelivery(DeliveryState.Retrying, attempts, error, now + _backoff.Delay(attempts));
                next = next with { Deliveries = next.Deliveries.SetItem(name, delivery) };
                if (delivery.State == DeliveryState.Sent)
                    next = next.With(new IncidentEvent(now, IncidentEventKind.Notified, null, Describe(name, current)));
                else if (delivery.State == DeliveryState.Failed)
                    next = next.With(new IncidentEvent(now, IncidentEventKind.NotificationFailed, null, $"{Describe(name, current)}: gave up after {attempts} attempts ({Shorten(error!)})"));
            }
            return ReferenceEquals(next, current) ? null : next with { UpdatedAt = now };
        }, cancellationToken);

        RetryWhenDue(key, stored, now, cancellationToken);
    }

    /// <summary>
    /// Comes back to the incident when its earliest retry is due (at once, when one is due already), if one of these
    /// channels has a delivery outstanding (one of a channel no longer configured waits until it is configured again).
    /// </summary>
    private void RetryWhenDue((string Location, string Id) key, Incident incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outstanding = incident.Deliveries.Where(d => d.Value.IsOutstanding && _byName.ContainsKey(DeliveryKeys.Parse(d.Key).Channel)).Select(d => d.Value).ToList();
        if (outstanding.Count == 0)
            return;
        var next = outstanding.Min(d => d.At ?? now);
        _ = RetryLaterAsync(key, next > now ? next - now : TimeSpan.Zero, cancellationToken);
    }

    /// <summary>A delivery in words for the timeline: "email", "webhook (escalation)", "inapp (reminder 2)".</summary>
    private static string Describe(string deliveryKey, Incident incident)
    {
        var (channel, notice) = DeliveryKeys.Parse(deliveryKey);
        return notice switch
        {
            AlertNotice.Escalation => $"{channel} (escalation)",
            AlertNotice.Reminder => $"{channel} (reminder {incident.Reminders})",
            _ => channel,
        };
    }

    private static string Shorten(string error) => error.Length <= 200 ? error : error[..200] + "...";

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
