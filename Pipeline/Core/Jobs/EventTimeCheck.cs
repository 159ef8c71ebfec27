using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>Refuses a reading stamped too far from its arrival in the stream (<see cref="EventTimeOptions"/>), so both jobs agree on what they read.</summary>
internal static class EventTimeCheck
{
    /// <summary>Throws <see cref="RecordFormatException"/> naming the gap when <paramref name="reading"/>'s time is out of bounds.</summary>
    public static void Check(WindReading reading, StreamRecord record, EventTimeOptions options)
    {
        var gap = reading.Timestamp - record.ApproximateArrivalTimestamp;
        if (gap > options.MaxAheadOfArrival)
            throw new RecordFormatException($"Field 'timestamp' {RecordTime.Format(reading.Timestamp)} is {Describe(gap)} after the reading arrived ({RecordTime.Format(record.ApproximateArrivalTimestamp)}); at most {Describe(options.MaxAheadOfArrival)} is accepted (Pipeline:EventTime:MaxAheadOfArrival). Check the sensor's clock.");
        if (-gap > options.MaxBehindArrival)
            throw new RecordFormatException($"Field 'timestamp' {RecordTime.Format(reading.Timestamp)} is {Describe(-gap)} before the reading arrived ({RecordTime.Format(record.ApproximateArrivalTimestamp)}); at most {Describe(options.MaxBehindArrival)} is accepted (Pipeline:EventTime:MaxBehindArrival).");
    }

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 2 ? $"{span.TotalDays:F0} days" : span.TotalHours >= 2 ? $"{span.TotalHours:F0} hours" : span.TotalMinutes >= 2 ? $"{span.TotalMinutes:F0} minutes" : $"{span.TotalSeconds:F0} s";
}
