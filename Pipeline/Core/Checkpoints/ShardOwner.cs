namespace TurbineConsole.Pipeline.Checkpoints;

/// <summary>The last claim on a consumer's shard (<see cref="ICheckpointStore.ClaimAsync"/>).</summary>
/// <param name="Epoch">The owner epoch the claim set; saves under an older one are refused.</param>
/// <param name="Owner">Who claimed, for example a worker's silo address.</param>
/// <param name="ClaimedAt">When.</param>
public sealed record ShardOwner(long Epoch, string Owner, DateTimeOffset ClaimedAt);
