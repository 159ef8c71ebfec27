namespace TurbineConsole.Pipeline.Runtime;

/// <summary>Whether a consumer keeps up with a shard.</summary>
public enum ConsumerState
{
    /// <summary>Its last attempt succeeded (or none has failed yet).</summary>
    Healthy,
    /// <summary>Its last attempt failed: it is tried again from its checkpoint, with growing waits, until it succeeds.</summary>
    Failing,
}
