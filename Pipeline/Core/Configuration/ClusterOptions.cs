namespace TurbineConsole.Pipeline.Configuration;

/// <summary>
/// The <c>Pipeline:Cluster</c> settings: how the web and worker processes (<see cref="ProcessRole.Web"/>,
/// <see cref="ProcessRole.Worker"/>) find each other and split the shards. Unused with <see cref="ProcessRole.All"/>.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>The Redis server that holds the membership table and carries the results to the web processes, StackExchange.Redis syntax.</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>The cluster's name: processes with the same one form one cluster (several clusters may share a Redis).</summary>
    public string ClusterId { get; set; } = "turbineconsole";

    /// <summary>The address other workers reach this one at; empty: the first IPv4 address of this machine.</summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>The port workers talk to each other on (each worker on one host needs its own).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>How often each worker wakes every shard's owner (re-activating, elsewhere, the shards of a worker that died).</summary>
    public TimeSpan KeeperInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a worker waits for another's answer to a liveness probe; three missed in a row and it votes that worker dead.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a worker writes that it is alive into the membership table.</summary>
    public TimeSpan IAmAliveInterval { get; set; } = TimeSpan.FromSeconds(5);
}
