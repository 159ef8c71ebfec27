namespace TurbineConsole.Pipeline.DeadLetters;

/// <summary>How many dead letters a consumer holds in one reason category (<see cref="DeadLetterReason"/>).</summary>
public sealed record DeadLetterCount(string Consumer, string Category, long Count);
