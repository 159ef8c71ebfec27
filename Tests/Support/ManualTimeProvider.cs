namespace TurbineConsole.Tests.Support;

/// <summary>A clock that stands still until a test moves it; timers still run on real time.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    /// <summary>The current time, in ticks, shared between threads.</summary>
    private long _utcTicks = start.UtcTicks;

    /// <summary>A clock at 2026-11-30 12:00 UTC.</summary>
    public ManualTimeProvider() : this(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)) { }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta) => Interlocked.Add(ref _utcTicks, delta.Ticks);
}
