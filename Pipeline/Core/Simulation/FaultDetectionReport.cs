using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// Which scripted faults the detector finds, and how soon: for each <see cref="FaultKind"/>, the scenario of
/// <see cref="FaultReportOptions"/> is generated with that one fault, every reading is scored by the pipeline's own
/// anomaly job (<see cref="AnomalyDetectionJob"/>, a thresholded Random Cut Forest per key, with the given settings) in
/// the order the simulator sends them, and each result is judged by the alert rule
/// (<see cref="Alerts.AlertOptions.IsAnomaly"/>, <see cref="Alerts.AlertOptions.RaisesAlert"/>) against the ground truth
/// (<see cref="WindDatasetGenerator.GroundTruth"/>). Deterministic: the same options give the same report.
/// </summary>
public static class FaultDetectionReport
{
    /// <summary>One row per fault kind, in the enum's order. Throws <see cref="ArgumentException"/> for options out of range.</summary>
    public static IReadOnlyList<FaultDetection> Run(FaultReportOptions options, CancellationToken cancellationToken = default) =>
        Enum.GetValues<FaultKind>().Select(kind => Run(kind, options, cancellationToken)).ToList();

    /// <summary>The row of one fault kind.</summary>
    public static FaultDetection Run(FaultKind kind, FaultReportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Error() is { } error)
            throw new ArgumentException(error, nameof(options));
        var farms = WindDatasetGenerator.FarmsOf(WindDataset.Normal, options.Locations, options.TurbinesPerLocation);
        var fault = options.FaultOf(kind, farms[0]);
        var generator = new WindDatasetGenerator(WindDataset.Normal, new DatasetOptions
        {
            Locations = options.Locations,
            TurbinesPerLocation = options.TurbinesPerLocation,
            Seed = options.Seed,
            TickInterval = TimeSpan.FromSeconds(1),
            Faults = [fault],
        });
        var truth = generator.GroundTruth;
        var began = truth.Min(t => t.From);
        var ticks = (long)options.Length.TotalSeconds;
        var readings = generator.Take(ticks).Select(r => r.Reading);

        long faultReadings = 0, anomalies = 0, alerts = 0, otherReadings = 0, falseAnomalies = 0, falseAlerts = 0;
        Detection? firstAnomaly = null, firstAlert = null;
        foreach (var result in Score(readings, options.Detector, cancellationToken))
        {
            var reading = result.Reading;
            var isAnomaly = options.Alerts.IsAnomaly(result);
            var raisesAlert = options.Alerts.RaisesAlert(result);
            if (truth.Any(t => t.Covers(reading.Location, reading.Turbine, reading.Seq)))
            {
                faultReadings++;
                Detection Here() => new(faultReadings, reading.Timestamp - began, reading.Turbine, reading.SpeedMph, result.Score);
                if (isAnomaly)
                {
                    anomalies++;
                    firstAnomaly ??= Here();
                }
                if (raisesAlert)
                {
                    alerts++;
                    firstAlert ??= Here();
                }
            }
            else if (result.Score > 0)
            {
                otherReadings++;
                falseAnomalies += isAnomaly ? 1 : 0;
                falseAlerts += raisesAlert ? 1 : 0;
            }
        }
        return new FaultDetection(fault, truth, faultReadings, firstAnomaly, anomalies, firstAlert, alerts, otherReadings, falseAnomalies, falseAlerts);
    }

    /// <summary>
    /// Scores <paramref name="readings"/>, in order, with the anomaly job's processor and <paramref name="detector"/>'s
    /// settings, as the pipeline does (each reading arriving at its own event time); one result per reading.
    /// </summary>
    public static IEnumerable<AnomalyResult> Score(IEnumerable<WindReading> readings, AnomalyDetectionOptions detector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var processor = new AnomalyDetectionJob("faults-in", "faults-out", detector).CreateProcessor();
        var output = new JobOutput();
        long sequence = 0;
        foreach (var reading in readings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = new StreamRecord((++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture), reading.Location,
                WindReadingCodec.Encode(reading), reading.Timestamp);
            output.Clear();
            processor.Process(record, output);
            foreach (var produced in output.Records)
                yield return AnomalyResultCodec.Decode(produced.Data);
        }
    }
}
