using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>
/// A row of the fault report counted apart from <see cref="FaultDetectionReport"/>: the fault scripted here, the series
/// scored reading by reading by the anomaly job's processor, faulted readings told by the generator's labels, and the
/// alert rule's numbers written out.
/// </summary>
internal static class FaultRecomputation
{
    /// <summary>The counts of one row.</summary>
    internal sealed record Expected((long Reading, TimeSpan After, string Turbine)? FirstAnomaly, long Anomalies, (long Reading, TimeSpan After, string Turbine)? FirstAlert,
        long Alerts, long FaultReadings, long OtherReadings, long FalseAnomalies, long FalseAlerts);

    /// <summary>The row of <paramref name="kind"/> in the scenario of <paramref name="options"/> (default detector and alert rule).</summary>
    public static Expected Of(FaultKind kind, FaultReportOptions options)
    {
        var rule = new AlertOptions();
        var scored = Scored(kind, options);
        var faulted = scored.Where(s => s.Faulted).ToList();
        var began = new DatasetOptions().StartTime + options.FaultStart;
        (long, TimeSpan, string)? First(Func<AnomalyResult, bool> flagged) =>
            faulted.Select((s, i) => (s.Result, Index: i)).Where(x => flagged(x.Result))
                .Select(x => ((long)x.Index + 1, x.Result.Reading.Timestamp - began, x.Result.Reading.Turbine))
                .Cast<(long, TimeSpan, string)?>().FirstOrDefault();
        bool IsAnomaly(AnomalyResult r) => r.Score >= rule.Threshold;
        bool IsAlert(AnomalyResult r) => r.Score >= rule.Threshold && r.Reading.SpeedMph >= rule.MinSpeedMph;
        var others = scored.Where(s => !s.Faulted && s.Result.Score > 0).Select(s => s.Result).ToList();
        return new Expected(First(IsAnomaly), faulted.Count(s => IsAnomaly(s.Result)), First(IsAlert), faulted.Count(s => IsAlert(s.Result)),
            faulted.Count, others.Count, others.Count(IsAnomaly), others.Count(IsAlert));
    }

    /// <summary>The scenario's series with a fault of <paramref name="kind"/> scripted here, each reading with its result and whether the fault changed it.</summary>
    public static List<(AnomalyResult Result, bool Faulted)> Scored(FaultKind kind, FaultReportOptions options)
    {
        var fault = new ScriptedFault
        {
            Kind = kind,
            Location = WindDatasetGenerator.LocationNames[0],
            Turbine = kind == FaultKind.GustFront ? null : WindDatasetGenerator.FarmsOf(WindDataset.Normal, 1, options.TurbinesPerLocation)[0].Turbines[1],
            Start = options.FaultStart,
            Duration = options.FaultDuration,
        };
        var shape = new DatasetOptions { Locations = options.Locations, TurbinesPerLocation = options.TurbinesPerLocation, Seed = options.Seed, Faults = [fault] };
        var processor = new AnomalyDetectionJob("in", "out", new AnomalyDetectionOptions()).CreateProcessor();
        var scored = new List<(AnomalyResult, bool)>();
        var n = 0;
        foreach (var reading in new WindDatasetGenerator(WindDataset.Normal, shape).Take((long)options.Length.TotalSeconds))
        {
            var output = new JobOutput();
            processor.Process(new StreamRecord((++n).ToString(System.Globalization.CultureInfo.InvariantCulture), reading.Reading.Location,
                WindReadingCodec.Encode(reading.Reading), reading.Reading.Timestamp), output);
            scored.Add((AnomalyResultCodec.Decode(output.Records.Single().Data), reading.Fault is not null));
        }
        return scored;
    }
}
