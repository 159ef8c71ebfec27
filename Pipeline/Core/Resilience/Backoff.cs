namespace TurbineConsole.Pipeline.Resilience;

/// <summary>
/// Exponential backoff with jitter, the one formula behind every wait between attempts in the pipeline: before retry
/// <c>n</c>, <see cref="First"/> doubled <c>n - 1</c> times, at most <see cref="Max"/>, then jittered to between half
/// and all of that (so that many clients failing together do not retry together, and no wait exceeds <see cref="Max"/>).
/// </summary>
/// <param name="First">The wait before the first retry (before jitter).</param>
/// <param name="Max">The longest wait.</param>
public sealed record Backoff(TimeSpan First, TimeSpan Max)
{
    /// <summary>The wait before retry <paramref name="retry"/> (1 for the first), with random jitter.</summary>
    public TimeSpan Delay(int retry) => Delay(retry, Random.Shared.NextDouble());

    /// <summary>The wait before retry <paramref name="retry"/> (1 for the first), with the jitter given (0 to 1: half to all of the wait).</summary>
    public TimeSpan Delay(int retry, double jitter)
    {
        var doublings = Math.Clamp(retry - 1, 0, 62);
        var exponential = First.Ticks * Math.Pow(2, doublings);
        var capped = Math.Min(exponential, Max.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.5 + (Math.Clamp(jitter, 0, 1) / 2))));
    }
}
