using System.Globalization;
using Microsoft.Extensions.Logging;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// Applies each location's <see cref="AlertPolicy"/> to its open, unacknowledged, unsilenced incidents: escalation once
/// the incident has waited <see cref="AlertPolicy.EscalateAfter"/> since it was raised, and a reminder on its own channels
/// every <see cref="AlertPolicy.RenotifyEvery"/>. Time is the <see cref="TimeProvider"/>'s. What is due is decided and
/// recorded in one conditional write on the incident (<see cref="AlertStore.UpdateAsync"/>), so two escalators (two
/// processes, or one restarted) never escalate an incident twice nor send one reminder twice: only the one whose write
/// made the change asks its <see cref="AlertDispatcher"/> to send.
/// </summary>
public sealed class AlertEscalator(AlertService service, AlertPolicyStore policies, AlertDispatcher dispatcher, AlertPolicyOptions options, ILogger logger,
    TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Looks at every active incident once; returns how many it escalated and how many it re-notified.</summary>
    public async Task<(int Escalated, int Renotified)> CheckAsync(CancellationToken cancellationToken = default)
    {
        var escalated = 0;
        var renotified = 0;
        var policyOf = new Dictionary<string, AlertPolicy>(StringComparer.Ordinal);
        foreach (var (location, id) in await service.ActiveAsync(cancellationToken))
        {
            var incident = await service.Store.GetAsync(location, id, cancellationToken);
            if (incident is not { State: IncidentState.Open, IsSilenced: false })
                continue;
            if (!policyOf.TryGetValue(location, out var policy))
                policyOf[location] = policy = await policies.EffectiveAsync(location, cancellationToken);
            if (!IsDue(incident, policy, _time.GetUtcNow(), out _, out _))
                continue;

            var now = _time.GetUtcNow();
            var changes = (Escalated: false, Renotified: false);
            var stored = await service.Store.UpdateAsync(location, id, current =>
            {
                changes = (false, false);
                if (current is not { State: IncidentState.Open, IsSilenced: false } || !IsDue(current, policy, now, out var escalate, out var remind))
                    return null;
                var next = current;
                if (escalate)
                {
                    next = Escalate(next, policy, now);
                    changes.Escalated = true;
                }
                if (remind)
                {
                    next = Remind(next, policy, now);
                    changes.Renotified = true;
                }
                return next;
            }, cancellationToken);
            if (changes.Escalated)
            {
                escalated++;
                logger.LogInformation("Incident {Location}/{Id} was not acknowledged within {Wait}: escalated to {Channels}.", location, id, policy.EscalateAfter, string.Join(", ", policy.EscalateTo));
            }
            if (changes.Renotified)
                renotified++;
            if (changes.Escalated || changes.Renotified)
                dispatcher.Notify(stored);
        }
        return (escalated, renotified);
    }

    /// <summary>Whether escalation or a reminder is due for <paramref name="incident"/> under <paramref name="policy"/> at <paramref name="now"/>.</summary>
    public static bool IsDue(Incident incident, AlertPolicy policy, DateTimeOffset now, out bool escalate, out bool remind)
    {
        escalate = policy.EscalateAfter is { } after && incident.EscalatedAt is null && now - incident.RaisedOrFirstSeen >= after;
        remind = policy.RenotifyEvery is { } every && now - (incident.LastReminderAt ?? incident.RaisedOrFirstSeen) >= every;
        return escalate || remind;
    }

    private Incident Escalate(Incident incident, AlertPolicy policy, DateTimeOffset now)
    {
        var known = policy.EscalateTo.Where(c => dispatcher.Channels.Any(d => d.Name == c)).ToList();
        var missing = policy.EscalateTo.Except(known, StringComparer.Ordinal).ToList();
        var deliveries = incident.Deliveries;
        foreach (var channel in known)
            deliveries = deliveries.SetItem(DeliveryKeys.Of(channel, AlertNotice.Escalation), new ChannelDelivery(DeliveryState.Pending));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"not acknowledged within {policy.EscalateAfter!.Value.TotalMinutes:0.##} min; escalated to {(known.Count == 0 ? "no channel" : string.Join(", ", known))}");
        if (missing.Count > 0)
            text += $" ({string.Join(", ", missing)} not turned on)";
        return (incident with { EscalatedAt = now, Deliveries = deliveries }).With(new IncidentEvent(now, IncidentEventKind.Escalated, AlertService.System, text));
    }

    private Incident Remind(Incident incident, AlertPolicy policy, DateTimeOffset now)
    {
        // A reminder goes to the channels of the first notification that are still turned on (not to escalation-only ones).
        var channels = incident.Deliveries.Keys.Select(DeliveryKeys.Parse).Where(k => k.Notice == AlertNotice.Raised).Select(k => k.Channel)
            .Where(c => dispatcher.Channels.Any(d => d.Name == c) && !options.IsEscalationOnly(c)).ToList();
        var reminder = incident.Reminders + 1;
        var deliveries = incident.Deliveries;
        foreach (var channel in channels)
            deliveries = deliveries.SetItem(DeliveryKeys.Of(channel, AlertNotice.Reminder), new ChannelDelivery(DeliveryState.Pending));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"reminder {reminder}: open and unacknowledged, every {policy.RenotifyEvery!.Value.TotalMinutes:0.##} min, to {(channels.Count == 0 ? "no channel" : string.Join(", ", channels))}");
        return (incident with { Reminders = reminder, LastReminderAt = now, Deliveries = deliveries })
            .With(new IncidentEvent(now, IncidentEventKind.Renotified, AlertService.System, text));
    }
}
