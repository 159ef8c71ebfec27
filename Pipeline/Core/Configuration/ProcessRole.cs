namespace TurbineConsole.Pipeline.Configuration;

/// <summary>What a process of TurbineConsole runs (<c>Pipeline:Role</c>).</summary>
public enum ProcessRole
{
    /// <summary>Everything in one process: the pages, the hub, the jobs and the functions on every shard (the default).</summary>
    All,
    /// <summary>The pages, the hub and the simulator; the jobs and functions run on the workers of the cluster.</summary>
    Web,
    /// <summary>A cluster worker: the jobs and functions on the shards the cluster gives it; no pages.</summary>
    Worker,
}
