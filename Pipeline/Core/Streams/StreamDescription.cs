namespace TurbineConsole.Pipeline.Streams;

/// <summary>What DescribeStreamSummary tells about a stream.</summary>
/// <param name="StreamName">The stream's name.</param>
/// <param name="Status">CREATING, ACTIVE, DELETING or UPDATING; the embedded backend is always ACTIVE.</param>
/// <param name="OpenShardCount">Number of open shards.</param>
/// <param name="Retention">How long records stay readable.</param>
/// <param name="CreatedAt">When the stream was created.</param>
public sealed record StreamDescription(string StreamName, string Status, int OpenShardCount, TimeSpan Retention, DateTimeOffset CreatedAt);
