using System.Text.Json;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// The simulator's runs, kept in a table of the backend (one item per dataset) so that a run that was sending when the
/// app stopped can be resumed, or shown as interrupted with its counts, after a restart. Saved when a run starts, about
/// once a second while it sends, when it ends and when the app stops.
/// </summary>
public sealed class RunJournal(ITableStore tables, string tableName)
{
    private const string DatasetKey = "dataset";

    /// <summary>The table's name.</summary>
    public string TableName { get; } = tableName;

    /// <summary>Creates the table when it is missing.</summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        if (await tables.DescribeTableAsync(TableName, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await tables.CreateTableAsync(new TableSchema(TableName, new KeyAttribute(DatasetKey, AttributeType.String)), cancellationToken).ConfigureAwait(false);
        }
        catch (TableInUseException)
        {
        }
    }

    /// <summary>Saves where <paramref name="run"/> is.</summary>
    public Task SaveAsync(DatasetRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = run.Settings;
        var item = new Item
        {
            [DatasetKey] = run.Dataset.ToString(),
            ["status"] = run.Status.ToString(),
            ["stream"] = settings.StreamName,
            ["rate"] = settings.ReadingsPerSecond,
            ["locations"] = settings.Dataset.Locations,
            ["turbinesPerLocation"] = settings.Dataset.TurbinesPerLocation,
            ["seed"] = settings.Dataset.Seed,
            ["sent"] = run.Sent,
            ["failed"] = run.Failed,
            ["updatedAt"] = RecordTime.Format(DateTimeOffset.UtcNow),
        };
        if (settings.StopAfter is { } stopAfter)
        {
            item["stopAfter"] = stopAfter;
        }

        if (run.Error is { } error)
        {
            item["error"] = error;
        }

        if (settings.Dataset.Faults.Count > 0)
        {
            item["faults"] = JsonSerializer.Serialize(settings.Dataset.Faults.Select(SavedFault.Of).ToList());
        }

        if (settings.Dataset.DailyProfile.IsOn)
        {
            item["dailyAmplitude"] = settings.Dataset.DailyProfile.AmplitudeMph;
            item["dailyPeakHour"] = settings.Dataset.DailyProfile.PeakHourUtc;
        }

        return tables.PutItemAsync(TableName, item, cancellationToken: cancellationToken);
    }

    /// <summary>Every saved run; entries that cannot be read (an older format, damage) are skipped.</summary>
    public async Task<IReadOnlyList<SavedRun>> ListAsync(CancellationToken cancellationToken = default)
    {
        var runs = new List<SavedRun>();
        ItemKey? start = null;
        do
        {
            var page = await tables.ScanAsync(TableName, 100, start, cancellationToken).ConfigureAwait(false);
            runs.AddRange(page.Items.Select(Read).OfType<SavedRun>());
            start = page.LastEvaluatedKey;
        }
        while (start is not null);
        return runs;
    }

    private static SavedRun? Read(Item item)
    {
        if (!Enum.TryParse<WindDataset>(item.GetStringOrNull(DatasetKey), out var dataset)
            || !Enum.TryParse<RunStatus>(item.GetStringOrNull("status"), out var status)
            || item.GetStringOrNull("stream") is not { } stream
            || item.GetNumberOrNull("rate") is not { } rate)
        {
            return null;
        }

        IReadOnlyList<ScriptedFault> faults;
        try
        {
            faults = item.GetStringOrNull("faults") is { } json
                ? (JsonSerializer.Deserialize<List<SavedFault>>(json) ?? []).Select(f => f.ToFault()).ToList()
                : [];
        }
        catch (Exception e) when (e is JsonException or ArgumentException or OverflowException)
        {
            return null;
        }

        var settings = new SimulationSettings
        {
            StreamName = stream,
            ReadingsPerSecond = rate,
            StopAfter = item.GetNumberOrNull("stopAfter") is { } stopAfter ? (long)stopAfter : null,
            Dataset = new DatasetOptions
            {
                Locations = (int)(item.GetNumberOrNull("locations") ?? new DatasetOptions().Locations),
                TurbinesPerLocation = (int)(item.GetNumberOrNull("turbinesPerLocation") ?? new DatasetOptions().TurbinesPerLocation),
                Seed = (int)(item.GetNumberOrNull("seed") ?? new DatasetOptions().Seed),
                Faults = faults,
                DailyProfile = item.GetNumberOrNull("dailyAmplitude") is { } amplitude
                    ? new DailyWindProfile { AmplitudeMph = amplitude, PeakHourUtc = item.GetNumberOrNull("dailyPeakHour") ?? new DailyWindProfile().PeakHourUtc }
                    : DailyWindProfile.Off,
            },
        };
        return (settings.Error() ?? DatasetRun.FaultError(dataset, settings)) is null
            ? new SavedRun(dataset, status, settings, (long)(item.GetNumberOrNull("sent") ?? 0), (long)(item.GetNumberOrNull("failed") ?? 0))
            : null;
    }
}

/// <summary>A scripted fault as the journal keeps it (JSON, seconds as numbers).</summary>
internal sealed record SavedFault(string Kind, string Location, string? Turbine, double StartSeconds, double DurationSeconds, double? Drift, double? Gust, double? DelaySeconds)
{
    /// <summary>The saved form of <paramref name="fault"/>.</summary>
    public static SavedFault Of(ScriptedFault fault) => new(fault.Kind.ToString(), fault.Location, fault.Turbine, fault.Start.TotalSeconds, fault.Duration.TotalSeconds,
        fault.DriftMphPerMinute, fault.GustMph, fault.DelayPerTurbine?.TotalSeconds);

    /// <summary>The fault again; throws <see cref="ArgumentException"/> for a kind that is not one.</summary>
    public ScriptedFault ToFault() => new()
    {
        Kind = Enum.TryParse<FaultKind>(Kind, out var kind) && Enum.IsDefined(kind) ? kind : throw new ArgumentException($"\"{Kind}\" is not a fault kind."),
        Location = Location,
        Turbine = Turbine,
        Start = TimeSpan.FromSeconds(StartSeconds),
        Duration = TimeSpan.FromSeconds(DurationSeconds),
        DriftMphPerMinute = Drift,
        GustMph = Gust,
        DelayPerTurbine = DelaySeconds is { } delay ? TimeSpan.FromSeconds(delay) : null,
    };
}

/// <summary>A run as the journal saved it.</summary>
/// <param name="Dataset">The dataset.</param>
/// <param name="Status">Where it was.</param>
/// <param name="Settings">How it was sending.</param>
/// <param name="Sent">Readings the stream had stored.</param>
/// <param name="Failed">Readings the stream refused.</param>
public sealed record SavedRun(WindDataset Dataset, RunStatus Status, SimulationSettings Settings, long Sent, long Failed);
