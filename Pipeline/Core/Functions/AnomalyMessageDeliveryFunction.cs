using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Functions;

/// <summary>
/// The lab's AnomalyMessageDeliveryFunction, done right: it runs on the results as they land (fed from
/// AnomalyDetectionStream by its own checkpointed event source mapping, not by scanning the table), compares the
/// score as a number, and groups anomalies of a location that are close in time into one incident, which the
/// <see cref="AlertDispatcher"/> notifies once per channel. An incident is a warning, or critical once one of its readings
/// is above the shutdown speed (<see cref="TurbineLimits.AdvisesShutdown"/>); one that a silence in <paramref name="silences"/>
/// matches is recorded as silenced and notifies no channel. Each step is noted on the incident's timeline. Results seen
/// again (a retry, a restart) change nothing.
/// </summary>
public sealed class AnomalyMessageDeliveryFunction(
    AlertStore store,
    AlertDispatcher dispatcher,
    IDeadLetterStore deadLetters,
    AlertOptions options,
    TimeProvider? timeProvider = null,
    SilenceStore? silences = null) : IStreamFunction
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// The newest active incident per location, as far as this function knows (refreshed on its own writes). Concurrent:
    /// the event source mapping invokes the function from one poller per shard at once.
    /// </summary>
    private readonly ConcurrentDictionary<string, Incident?> _active = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => "AnomalyMessageDeliveryFunction";

    /// <summary>
    /// Whether a result raises an alert under the configured rule: the score compared as a number (or the grade),
    /// at a speed of at least Alerts:MinSpeedMph.
    /// </summary>
    public static bool IsAnomaly(AnomalyResult result, AlertOptions options) => options.RaisesAlert(result);

    /// <inheritdoc />
    public async Task<StreamsEventResponse> HandleAsync(KinesisEvent kinesisEvent, CancellationToken cancellationToken)
    {
        foreach (var record in kinesisEvent.Records)
        {
            AnomalyResult result;
            try
            {
                result = AnomalyResultCodec.Decode(record.Kinesis.Data);
            }
            catch (RecordFormatException e)
            {
                if (await FunctionDeadLetters.TryAddAsync(deadLetters, Name, record, e.Message, _time, cancellationToken) is { } failure)
                    return new StreamsEventResponse([failure]);
                continue;
            }
            try
            {
                await ProcessAsync(result, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stop here: the mapping retries from this record, keeping each location's results in order.
                _active.TryRemove(result.Reading.Location, out _);
                return new StreamsEventResponse([new BatchItemFailure(record.Kinesis.SequenceNumber, $"Alert processing failed: {e.Message}")]);
            }
        }
        return StreamsEventResponse.Success;
    }

    private async Task ProcessAsync(AnomalyResult result, CancellationToken cancellationToken)
    {
        var reading = result.Reading;
        var location = reading.Location;
        var now = _time.GetUtcNow();
        if (!IsAnomaly(result, options))
        {
            // A quiet stretch after an incident's last anomaly resolves it.
            var active = await ActiveAsync(location, cancellationToken);
            if (active is not null && reading.Timestamp - active.LastSeen >= options.QuietPeriod)
            {
                var stored = await store.UpdateAsync(location, active.Id, c => c.IsActive ? AlertService.Resolved(c, AlertService.System, now) : null, cancellationToken);
                _active[location] = stored.IsActive ? stored : null;
            }
            return;
        }

        var id = IncidentItem.IdOf(reading);
        var previous = await store.StartedAtOrBeforeAsync(location, id, cancellationToken);
        if (previous is not null && reading.Timestamp <= previous.LastSeen)
            return; // Seen already: part of an incident that covers it.
        if (previous is { IsActive: true } && reading.Timestamp - previous.LastSeen <= options.IncidentGap)
        {
            var updated = await store.UpdateAsync(location, previous.Id, c => !c.IsActive || reading.Timestamp <= c.LastSeen ? null : Raise(c with
            {
                LastSeen = reading.Timestamp,
                MaxSpeedMph = Math.Max(c.MaxSpeedMph, reading.SpeedMph),
                MaxScore = Math.Max(c.MaxScore, result.Score),
                UpdatedAt = now,
            }, reading, now), cancellationToken);
            _active[location] = updated.IsActive ? updated : null;
            return;
        }

        var silence = silences is null ? null : await silences.MatchAsync(location, reading.Turbine, now, cancellationToken);
        var severity = TurbineLimits.AdvisesShutdown(reading.SpeedMph) ? IncidentSeverity.Critical : IncidentSeverity.Warning;
        var incident = new Incident
        {
            Location = location,
            Id = id,
            Turbine = reading.Turbine,
            SpeedMph = reading.SpeedMph,
            Score = result.Score,
            FirstSeen = reading.Timestamp,
            LastSeen = reading.Timestamp,
            MaxSpeedMph = reading.SpeedMph,
            MaxScore = result.Score,
            UpdatedAt = now,
            RaisedAt = now,
            Severity = severity,
            SilencedBy = silence?.Id,
            Deliveries = silence is not null ? ImmutableSortedDictionary<string, ChannelDelivery>.Empty
                : dispatcher.Channels.Where(c => !options.Policy.IsEscalationOnly(c.Name))
                    .ToImmutableSortedDictionary(c => c.Name, _ => new ChannelDelivery(DeliveryState.Pending), StringComparer.Ordinal),
        }.With(new IncidentEvent(now, IncidentEventKind.Raised, AlertService.System, string.Create(CultureInfo.InvariantCulture,
            $"{severity}: turbine {reading.Turbine} at {reading.SpeedMph:F1} mph, score {result.Score:F2}")));
        if (silence is not null)
            incident = incident.With(new IncidentEvent(now, IncidentEventKind.Silenced, AlertService.System, $"by silence {silence.Id} ({silence.Description}); no channel notified"));
        await store.TryCreateAsync(incident, cancellationToken);
        var created = await store.GetAsync(location, id, cancellationToken);
        _active[location] = created is { IsActive: true } ? created : null;
        if (created is not null)
            dispatcher.Notify(created);
    }

    /// <summary>The incident made critical, noted on its timeline, when <paramref name="reading"/> is its first above the shutdown speed.</summary>
    private static Incident Raise(Incident incident, WindReading reading, DateTimeOffset now) =>
        incident.Severity == IncidentSeverity.Critical || !TurbineLimits.AdvisesShutdown(reading.SpeedMph) ? incident
        : (incident with { Severity = IncidentSeverity.Critical }).With(new IncidentEvent(now, IncidentEventKind.SeverityRaised, AlertService.System,
            string.Create(CultureInfo.InvariantCulture, $"critical: turbine {reading.Turbine} at {reading.SpeedMph:F1} mph, above the shutdown speed of {TurbineLimits.ShutdownMph:0} mph")));

    private async Task<Incident?> ActiveAsync(string location, CancellationToken cancellationToken)
    {
        if (!_active.TryGetValue(location, out var active))
        {
            var latest = await store.LatestAsync(location, cancellationToken);
            active = latest is { IsActive: true } ? latest : null;
            _active[location] = active;
        }
        return active;
    }
}
