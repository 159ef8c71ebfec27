namespace TurbineConsole.Pipeline.DeadLetters;

/// <summary>How many dead letters a consumer holds for one kind of reason (see <see cref="DeadLetterReasons.KindOf"/>).</summary>
public sealed record DeadLetterCount(string Consumer, string ReasonKind, long Count);
