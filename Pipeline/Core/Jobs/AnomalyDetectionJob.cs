using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>
/// The lab's AnomalyDetection application: scores every reading's wind speed with a Random Cut Forest, one forest
/// per location (or per turbine), score before update as the lab's sample does, and writes the reading with its
/// score, grade and expected speed to the output stream as JSON.
/// </summary>
/// <remarks>A reading stamped too far from its arrival (<paramref name="eventTime"/>) is dead-lettered.</remarks>
public sealed class AnomalyDetectionJob(string inputStream, string outputStream, AnomalyDetectionOptions options, EventTimeOptions? eventTime = null) : IStreamJob
{
    /// <inheritdoc />
    public string Name => "AnomalyDetection";

    /// <inheritdoc />
    public string InputStream { get; } = inputStream;

    /// <inheritdoc />
    public string OutputStream { get; } = outputStream;

    /// <inheritdoc />
    public IShardProcessor CreateProcessor() => new AnomalyDetectionProcessor(options, eventTime ?? new EventTimeOptions());
}
